// What a handler sees: typed options, the caller, a logger with ids, and replies that defer and edit correctly.
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { maxId } from '../../commands/shared-options.js';
import { moderatorRoleOf } from '../db/guilds.js';
import { withoutControlCharacters } from '../text/control-characters.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BotDeps } from './bot-deps.js';
import { translator, type Translate } from './i18n/index.js';
import { LocalizedUserError } from './i18n/localized-error.js';
import { clip, noMentions, type ReplyPayload } from './reply.js';

/** Discord refuses a message over 2,000 characters, and a refused answer left the member's "thinking…" up for good. */
const maxContent = 2000;

type Repliable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export class InteractionContext<I extends Repliable = Repliable> {
  readonly log: Logger;
  readonly guildId: string;
  /** Gazette's own replies in the member's client language (`interaction.locale`), English where none exists. */
  readonly t: Translate;

  constructor(
    readonly interaction: I,
    readonly deps: BotDeps,
    readonly ephemeral = true,
  ) {
    this.t = translator(interaction.locale);
    if (!interaction.guildId) throw new LocalizedUserError('guild-only', 'error.guildOnly');
    this.guildId = interaction.guildId;
    this.log = deps.logger.child({ guildId: this.guildId, userId: interaction.user.id, interactionId: interaction.id });
  }

  get userId(): string {
    return this.interaction.user.id;
  }

  // Acknowledgements are serialised: the router's safety-net defer and a handler's reply must never race, or
  // Discord sees two first responses and rejects the second. Counted only once Discord accepted them: after a refused
  // first answer, the error reply is still a first answer.
  private acks: Promise<unknown> = Promise.resolve();
  private ack: 'reply' | 'update' | null = null;
  private updates = false;

  protected serialise<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.acks.then(fn, fn);
    this.acks = next.catch(() => undefined);
    return next;
  }

  get isAcknowledged(): boolean {
    return this.ack !== null;
  }

  /**
   * Says this button answers by rewriting its own message (a list's page, a review decision): a defer, the router's
   * safety net included, then keeps that message (type 6) rather than opening a new private one for the answer.
   * The router calls it, for entries declared `updatesMessage` in the handler tables (guards.ts), before their guard.
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
      if (this.ack === 'update') await this.interaction.followUp({ ...body, ...(this.ephemeral && { flags: MessageFlags.Ephemeral }) });
      else if (this.ack) await this.interaction.editReply(body);
      else {
        await this.interaction.reply({ ...body, ...(this.ephemeral && { flags: MessageFlags.Ephemeral }) });
        this.ack = 'reply';
      }
    });
  }

  /** Rewrites the message a button is on (the first response to a button; type 7). */
  updateMessage(payload: ReplyPayload): Promise<void> {
    return this.serialise(async () => {
      const interaction = this.interaction;
      if (!interaction.isButton()) throw new Error('Only a button interaction can update its message.');
      if (this.ack) {
        await interaction.editReply(toMessageBody(payload));
        return;
      }
      await interaction.update(toMessageBody(payload));
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
      const body = { content: clip(content, maxContent), allowedMentions: noMentions };
      if (!this.ack) {
        await this.interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
        this.ack = 'reply';
      } else if (this.ack === 'update') {
        // The button's message stays as it is; the refusal is the member's alone.
        await this.interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
      } else if (this.ephemeral) {
        await this.interaction.editReply({ ...body, embeds: [], components: [], files: [] });
      } else {
        // A public "thinking…" must not turn into a public error: remove it and answer the member alone.
        await this.interaction.deleteReply().catch(() => undefined);
        await this.interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
      }
    });
  }

  isModerator(): Promise<boolean> {
    return isModeratorMember(this.interaction, this.deps.prisma, this.guildId);
  }

  async requireModerator(): Promise<void> {
    if (!(await this.isModerator())) {
      throw new LocalizedUserError('forbidden', 'guard.moderator');
    }
  }

  requireManageServer(): void {
    if (!this.interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      throw new LocalizedUserError('forbidden', 'guard.manageServer');
    }
  }
}

export class CommandContext<O extends string = string> extends InteractionContext<ChatInputCommandInteraction> {
  constructor(interaction: ChatInputCommandInteraction, deps: BotDeps) {
    // Lookups are private unless the member asks to share them; everything else answers privately.
    super(interaction, deps, interaction.options.getBoolean('public') !== true);
  }

  // Every command's text comes through these two: control characters are dropped here (text/control-characters.ts).
  string(name: O): string | null {
    const value = this.interaction.options.getString(name);
    return value === null ? null : withoutControlCharacters(value);
  }

  requiredString(name: O): string {
    return withoutControlCharacters(this.interaction.options.getString(name, true));
  }

  integer(name: O): number | null {
    return boundedInteger(name, this.interaction.options.getInteger(name));
  }

  requiredInteger(name: O): number {
    return boundedInteger(name, this.interaction.options.getInteger(name, true))!;
  }

  boolean(name: O): boolean | null {
    return this.interaction.options.getBoolean(name);
  }

  channel(name: O): { id: string; type: number } | null {
    const c = this.interaction.options.getChannel(name);
    return c ? { id: c.id, type: c.type } : null;
  }

  role(name: O): { id: string; name: string } | null {
    const r = this.interaction.options.getRole(name);
    return r ? { id: r.id, name: r.name } : null;
  }

  attachment(name: O): { url: string; name: string; size: number; contentType: string | null } | null {
    const a = this.interaction.options.getAttachment(name);
    return a ? { url: a.url, name: a.name, size: a.size, contentType: a.contentType } : null;
  }
}

/** Manage Server, or the server's moderator role (`/config moderators`). */
export async function isModeratorMember(interaction: Repliable | AutocompleteInteraction, prisma: BotDeps['prisma'], guildId: string): Promise<boolean> {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  const moderatorRoleId = await moderatorRoleOf(prisma, guildId);
  if (!moderatorRoleId) return false;
  const member = interaction.member;
  const roles = member && 'roles' in member ? (Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()]) : [];
  return roles.includes(moderatorRoleId);
}

export interface AutocompleteContext {
  interaction: AutocompleteInteraction;
  deps: BotDeps;
  guildId: string;
  command: string;
  subcommand: string | null;
  /** What the member has typed so far, trimmed and lower-cased (control characters dropped, as in both). */
  typed: string;
  /** What the member has typed so far, trimmed, in the case it was typed. */
  asTyped: string;
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

/**
 * Discord enforces each option's min and max, but a client can send anything: a number the database cannot hold
 * (PostgreSQL int4) is a plain mistake, not an overflow deep in a query.
 */
function boundedInteger(name: string, value: number | null): number | null {
  if (value !== null && (!Number.isSafeInteger(value) || Math.abs(value) > maxId)) throw new UserError('limit', `\`${name}\` is too large a number.`);
  return value;
}
