// A UserError whose reply comes from the catalogs: its message (logs, tests that read errors) is English, and the
// router answers with `localize(ctx.t)` in the member's locale.
import { UserError, type UserErrorCode } from '../../errors.js';
import { english, type MessageId, type ParamsOf, type Translate } from './index.js';

export class LocalizedUserError<K extends MessageId = MessageId> extends UserError {
  readonly id: K;
  readonly params: ParamsOf<K>;

  constructor(code: UserErrorCode, id: K, ...params: ParamsOf<K>) {
    super(code, english(id, ...params));
    this.id = id;
    this.params = params;
  }

  localize(t: Translate): string {
    return t(this.id, ...this.params);
  }
}

/** What to show a member for a UserError: its catalog message in their locale when it has one, else its message. */
export function userErrorText(error: UserError, t: Translate): string {
  return error instanceof LocalizedUserError ? error.localize(t) : error.message;
}
