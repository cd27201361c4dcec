// The geo benchmark's own parts: the Reuters SGML reader and the scoring, so the printed numbers mean what the
// benchmark README says.
import { describe, expect, it } from 'vitest';
import { scoreGeo } from '../../../bench/lib/geo-metrics.js';
import { parseReutersSgml } from '../../../bench/lib/reuters-sgml.js';

const SGML = `<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" NEWID="7">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<PLACES><D>west-germany</D><D>usa</D><D>new-zealand</D><D>atlantis</D></PLACES>
<TEXT>&#2;
<TITLE>BONN &amp; WASHINGTON &lt;AGREE></TITLE>
<DATELINE>    BONN, March 3 - </DATELINE><BODY>West German officials said the accord
was signed.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="8">
<PLACES></PLACES>
<TEXT TYPE="BRIEF">&#2;
<TITLE>******SHORT HEADLINE ONLY</TITLE>
&#3;</TEXT>
</REUTERS>`;

describe('parseReutersSgml', () => {
  const names = new Map([['new-zealand', 'NZ']]);
  const [first, second] = parseReutersSgml(SGML, names);

  it('reads title, dateline and body, decoding entities and dropping wire framing', () => {
    expect(first?.newId).toBe('7');
    expect(first?.title).toBe('BONN & WASHINGTON <AGREE>');
    expect(first?.dateline).toBe('BONN, March 3 -');
    expect(first?.body).toBe('West German officials said the accord\nwas signed.');
  });

  it('maps gold places to ISO codes, historic names included, and keeps unknown labels apart', () => {
    expect(first?.places).toEqual(['DE', 'US', 'NZ']);
    expect(first?.unmappedPlaces).toEqual(['atlantis']);
  });

  it('reads brief stories without a body or places', () => {
    expect(second?.title).toBe('******SHORT HEADLINE ONLY');
    expect(second?.body).toBe('');
    expect(second?.places).toEqual([]);
  });
});

describe('scoreGeo', () => {
  it('computes micro precision, recall, F1 and top-1', () => {
    const score = scoreGeo([
      { gold: ['US'], predicted: ['US', 'GB'] },
      { gold: ['DE', 'FR'], predicted: ['FR'] },
      { gold: ['JP'], predicted: [] },
    ]);
    expect(score.n).toBe(3);
    expect(score.precision).toBeCloseTo(2 / 3);
    expect(score.recall).toBeCloseTo(2 / 4);
    expect(score.f1).toBeCloseTo((2 * (2 / 3) * 0.5) / (2 / 3 + 0.5));
    expect(score.top1).toBeCloseTo(2 / 3);
  });
});
