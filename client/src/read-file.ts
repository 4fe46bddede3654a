/**
 * « Lire un fichier » beside a textarea (`input[type=file][data-read-into=ID]`): the file's text
 * goes into the textarea, to be previewed like pasted text. `data-formats="json:lafabrique xml:akn"`
 * picks the form's `format` radio from the file's extension. A file that is not UTF-8 is read as
 * Windows-1252 (the Sénat's CSV export). The field is hidden without this script (pasting works
 * without it).
 */
function decode(buffer: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

export function readFilesIntoTextareas(): void {
  document.querySelectorAll<HTMLInputElement>('input[type=file][data-read-into]').forEach((input) => {
    const target = document.getElementById(input.dataset.readInto ?? '');
    if (!(target instanceof HTMLTextAreaElement)) return;
    const formats = new Map((input.dataset.formats ?? '').split(/\s+/).filter(Boolean).map((pair) => pair.split(':') as [string, string]));
    input.closest<HTMLElement>('[data-file-field]')?.removeAttribute('hidden');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return;
      void file.arrayBuffer().then((buffer) => {
        target.value = decode(buffer).replace(/^\uFEFF/, '');
        const format = formats.get(/\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '');
        const radio = format ? input.form?.querySelector<HTMLInputElement>(`input[name=format][value="${CSS.escape(format)}"]`) : null;
        if (radio) radio.checked = true;
      });
    });
  });
}
