// How Gazette acknowledges and answers one interaction, in a server or in a DM: one first response, kept in order
// with the router's safety-net defer, then edits and follow-ups. InteractionContext (command-context.ts) adds the
// server, the caller's rights and the options on top of it.
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type InteractionEditReplyOptions, type ModalSubmitInteraction } from 'discord.js';
import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { translator, type Translate } from './i18n/index.js';
import { clip, noMentions, type ReplyPayload } from './reply.js';

/** Discord refuses a message over 2,000 characters, and a refused answer left the member's "thinking…" up for good. */
const maxContent = 2000;

export type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** The parts of a button's message an update changes; what is left out stays as it was. */
export type MessageEdit = Pick<InteractionEditReplyOptions, 'content' | 'embeds' | 'components' | 'files' | 'allowedMentions'>;

export class AckContext<I extends Repliable = Repliable> {
  // Acknowledgements are serialised: the router's safety-net defer and a handler's reply must never race, or
  // Discord sees two first responses and rejects the second. Counted only once Discord accepted them: after a refused
  // first answer, the error reply is still a first answer.
  private acks: Promise<unknown> = Promise.resolve();
  private acked: 'reply' | 'update' | null = null;
  private updates = false;

  /**
   * How the interaction was acknowledged. One answered other than through here (a handler that replied through
   * discord.js itself, then failed) takes follow-ups: a second first response would be refused, and the member left
   * without a word.
   */
  private get ack(): 'reply' | 'update' | null {
    return this.acked ?? (this.interaction.replied || this.interaction.deferred ? 'update' : null);
  }

  private set ack(how: 'reply' | 'update') {
    this.acked = how;
  }

  /** Gazette's own replies in the member's client language (`interaction.locale`), English where none exists. */
  readonly t: Translate;

  constructor(
    readonly interaction: I,
    readonly ephemeral = true,
  ) {
    this.t = translator(interaction.locale);
  }

  /** A new message's options, private when the answer is. */
  private withVisibility<B extends object>(body: B): B & { flags?: MessageFlags.Ephemeral } {
    return { ...body, ...(this.ephemeral && { flags: MessageFlags.Ephemeral as const }) };
  }

  protected serialise<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.acks.then(fn, fn);
    this.acks = next.catch(() => undefined);
    return next;
  }

  get isAcknowledged(): boolean {
    return this.ack !== null;
  }

  /**
   * Says this button answers by rewriting its own message (a list's page, a review decision, a DM's unfollow): a
   * defer, the router's safety net included, then keeps that message (type 6) rather than opening a new private one
   * for the answer. The router calls it, for entries declared `updatesMessage` in the handler tables (guards.ts) and
   * for DM buttons, before their guard.
   */
  expectUpdate(): void {
    this.updates = this.interaction.isButton();
  }

  /** Acknowledges now and answers later: for anything that may take more than a moment (fetching, big queries). */
  defer(): Promise<void> {
    return this.serialise(async () => {
      if (this.ack) return;
      const interaction = this.interaction;
      if (this.updates && interaction.isButton()) {
        await interaction.deferUpdate();
        this.ack = 'update';
      } else {
        await interaction.deferReply(this.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
        this.ack = 'reply';
      }
    });
  }

  /** Sends the answer: the first reply, or the edit of a deferred one (a new private message after a deferred update). */
  respond(payload: ReplyPayload): Promise<void> {
    return this.serialise(async () => {
      const body = toMessageBody(payload);
      if (this.ack === 'update') await this.interaction.followUp(this.withVisibility(body));
      else if (this.ack) await this.interaction.editReply(body);
      else {
        await this.interaction.reply(this.withVisibility(body));
        this.ack = 'reply';
      }
    });
  }

  /** A further message after the answer (a list's next pages), private when the answer is. */
  followUp(payload: ReplyPayload): Promise<void> {
    return this.serialise(async () => {
      await this.interaction.followUp(this.withVisibility(toMessageBody(payload)));
    });
  }

  /** Rewrites the message a button is on, wholly (the first response to a button; type 7). */
  updateMessage(payload: ReplyPayload): Promise<void> {
    return this.editMessage(toMessageBody(payload));
  }

  /** Changes some parts of the message a button is on, the rest left as it is (a DM alert's buttons, not its text). */
  editMessage(body: MessageEdit): Promise<void> {
    return this.serialise(async () => {
      const interaction = this.interaction;
      if (!interaction.isButton()) throw new Error('Only a button interaction can update its message.');
      if (this.ack) {
        await interaction.editReply(body);
        return;
      }
      await interaction.update(body);
      this.ack = 'update';
    });
  }

  /** Opens a modal; it must be the first response, so it cannot follow a defer. */
  showModal(modal: APIModalInteractionResponseCallbackData): Promise<void> {
    return this.serialise(async () => {
      const interaction = this.interaction;
      if (this.ack || interaction.isModalSubmit()) throw new Error('A modal must be the first response to a command or button.');
      await interaction.showModal(modal);
      this.ack = 'reply';
    });
  }

  /** Answers privately whatever the interaction's visibility (errors, refusals). */
  respondPrivately(content: string): Promise<void> {
    return this.serialise(async () => {
      const body = toMessageBody({ content });
      if (!this.ack) {
        await this.interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
        this.ack = 'reply';
      } else if (this.ack === 'update') {
        // The button's message stays as it is; the refusal is the member's alone.
        await this.interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
      } else if (this.ephemeral) {
        // Emptied of whatever the deferred answer held: embeds, buttons and files go with it.
        await this.interaction.editReply(body);
      } else {
        // A public "thinking…" must not turn into a public error: remove it and answer the member alone.
        await this.interaction.deleteReply().catch(() => undefined);
        await this.interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
      }
    });
  }
}

/** discord.js's message options from a ReplyPayload, with mentions always off. */
export function toMessageBody(payload: ReplyPayload) {
  return {
    content: clip(payload.content ?? '', maxContent),
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    files: (payload.files ?? []).map((f) => ({ attachment: f.data, name: f.name, ...(f.description && { description: f.description }) })),
    allowedMentions: noMentions,
  };
}
