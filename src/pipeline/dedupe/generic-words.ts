// Words that are part of many names without identifying anything ("Bank" of England, "United" States, "Corp").
// They never count as a name on their own when a name is split into its words; the full name still counts.
export const genericNameWords: ReadonlySet<string> = new Set(
  ('corp corporation inc incorporated company companies group holdings holding international national united states state ' +
    'federal republic kingdom union bank banks fund funds trust association council committee commission board agency ' +
    'department ministry minister office authority authorities service services institute university college school ' +
    'party parliament assembly congress senate house court courts army forces force police news times post daily world ' +
    'global general central north south east west northern southern eastern western new great royal city town county ' +
    'province region district capital market markets exchange securities trade trading finance financial economic ' +
    'industries industry industrial energy oil gas power investment investments partners management systems technologies ' +
    'says said sees secretary president chairman chief director spokesman spokeswoman officials official president’s').split(' '),
);
