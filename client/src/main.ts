import { enhanceAnnotationForm } from './annotate-selection';
import { followCommission } from './commission-live';
import { initLiveEditor } from './editor';

// Pages work without this bundle; it only adds conveniences on top of them.
enhanceAnnotationForm();
initLiveEditor();
followCommission();
