import { enhanceAnnotationForm } from './annotate-selection';
import { autoRefresh } from './auto-refresh';
import { followCommission } from './commission-live';
import { confirmIrreversibleForms } from './confirm-dialog';
import { suggestAccounts } from './name-suggest';
import { readFilesIntoTextareas } from './read-file';

// Pages work without this bundle; it only adds conveniences on top of them.
enhanceAnnotationForm();
// the live editor and its dependencies (most of the code) load only where there is one
if (document.getElementById('live-editor')) void import('./editor').then((m) => m.initLiveEditor());
followCommission();
confirmIrreversibleForms();
suggestAccounts();
readFilesIntoTextareas();
autoRefresh();
