import { enhanceAnnotationForm } from './annotate-selection';
import { followCommission } from './commission-live';
import { confirmIrreversibleForms } from './confirm-dialog';
import { initLiveEditor } from './editor';
import { suggestAccounts } from './name-suggest';
import { readFilesIntoTextareas } from './read-file';

// Pages work without this bundle; it only adds conveniences on top of them.
enhanceAnnotationForm();
initLiveEditor();
followCommission();
confirmIrreversibleForms();
suggestAccounts();
readFilesIntoTextareas();
