import { enhanceAnnotationForm } from './annotate-selection';

// Pages work without this bundle; it only adds conveniences on top of them.
enhanceAnnotationForm();
