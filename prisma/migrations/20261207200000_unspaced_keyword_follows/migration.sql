-- Keyword follows written in a script without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) are now found by
-- their letters wherever they appear (src/text/unspaced.ts, src/db/follows.ts keywordFirstWord): stored as one run,
-- looked up by its first letter. Follows made before kept ICU's words apart ("习 近平"), or were matched as one whole
-- word ("北京", missing 北京市); both take the new form here. A follow whose new form another follow of the same
-- member already has, or would take, is left as it was (it still matches as before) rather than dropped.
UPDATE "Follow" f
SET value = replace(f.value, ' ', ''), "firstWord" = left(replace(f.value, ' ', ''), 1)
WHERE f.kind = 'keyword'
  AND f.value ~ '^[ \u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u19E0-\u19FF\u3005\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uA9E0-\uA9FF\uAA60-\uAA7F\uF900-\uFAFF]+$'
  AND length(replace(f.value, ' ', '')) > 1
  AND NOT EXISTS (
    SELECT 1 FROM "Follow" y
    WHERE y."guildId" = f."guildId" AND y."userId" = f."userId" AND y.kind = 'keyword' AND y.id <> f.id
      AND replace(y.value, ' ', '') = replace(f.value, ' ', '')
  );
