// What a handler sees: typed options, the caller, a logger with ids, and replies that defer and edit correctly.
import { PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { maxId } from '../../commands/shared-options.js';
import { moderatorRoleOf } from '../db/guilds.js';
import { withoutControlCharacters } from '../text/control-characters.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { AckContext, type Repliable } from './ack-context.js';
import type { BotDeps } from './bot-deps.js';
import { LocalizedUserError } from './i18n/localized-error.js';

/** An interaction in a server: its acknowledgements (AckContext), the server, the caller and their rights. */
export class InteractionContext<I extends Repliable = Repliable> extends AckContext<I> {
  readonly log: Logger;
  readonly guildId: string;

  constructor(
    interaction: I,
    readonly deps: BotDeps,
    ephemeral = true,
  ) {
    super(interaction, ephemeral);
    if (!interaction.guildId) throw new LocalizedUserError('guild-only', 'error.guildOnly');
    this.guildId = interaction.guildId;
    this.log = deps.logger.child({ guildId: this.guildId, userId: interaction.user.id, interactionId: interaction.id });
  }

  get userId(): string {
    return this.interaction.user.id;
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

/**
 * Discord enforces each option's min and max, but a client can send anything: a number the database cannot hold
 * (PostgreSQL int4) is a plain mistake, not an overflow deep in a query.
 */
function boundedInteger(name: string, value: number | null): number | null {
  if (value !== null && (!Number.isSafeInteger(value) || Math.abs(value) > maxId)) throw new UserError('limit', `\`${name}\` is too large a number.`);
  return value;
}
