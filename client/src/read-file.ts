/**
 * « Lire un fichier » beside a textarea (`input[type=file][data-read-into=ID]`): the file's text
 * goes into the textarea, to be previewed like pasted text; a .json file picks the La Fabrique
 * format. The field is hidden without this script (pasting works without it).
 */
export function readFilesIntoTextareas(): void {
  document.querySelectorAll<HTMLInputElement>('input[type=file][data-read-into]').forEach((input) => {
    const target = document.getElementById(input.dataset.readInto ?? '');
    if (!(target instanceof HTMLTextAreaElement)) return;
    input.closest<HTMLElement>('[data-file-field]')?.removeAttribute('hidden');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return;
      void file.text().then((text) => {
        target.value = text;
        const json = /\.json$/i.test(file.name) || file.type === 'application/json';
        const radio = document.querySelector<HTMLInputElement>(`input[name=format][value=${json ? 'lafabrique' : 'texte'}]`);
        if (radio) radio.checked = true;
      });
    });
  });
}
