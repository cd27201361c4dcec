// Past RETENTION_DAYS an article's text is emptied (maintenance.ts) and its summary is what is left: whatever reads a
// stored article's words (filters, keyword alerts, a split's or merge's rebuilt centroid) reads it through this.
export const textLeft = (a: { text: string; summary: string }) => a.text || a.summary;
