// Discord's permission algorithm (base permissions from roles, then channel overwrites), so interaction payloads
// carry the `permissions` / `app_permissions` a real server would compute, and the REST routes can answer
// 50001 Missing Access / 50013 Missing Permissions where Discord would.
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { ChannelRecord, GuildRecord } from './model.js';
import type { StandInState } from './state.js';

const ALL = Object.values(PermissionFlagsBits).reduce((acc, bit) => acc | bit, 0n);

export function guildPermissions(guild: GuildRecord, userId: string): bigint {
  if (userId === guild.ownerId) return ALL;
  const member = guild.members.get(userId);
  if (!member) return 0n;
  let bits = BigInt(guild.roles.get(guild.id)?.permissions ?? '0');
  for (const roleId of member.roles) bits |= BigInt(guild.roles.get(roleId)?.permissions ?? '0');
  return bits & PermissionFlagsBits.Administrator ? ALL : bits;
}

/** Threads have no overwrites of their own: they inherit their parent's. */
function overwriteSource(state: StandInState, channel: ChannelRecord): ChannelRecord {
  if (channel.thread && channel.parentId) return state.channels.get(channel.parentId) ?? channel;
  return channel;
}

export function channelPermissions(state: StandInState, channel: ChannelRecord, userId: string): bigint {
  const guild = state.guilds.get(channel.guildId);
  if (!guild) return 0n;
  const base = guildPermissions(guild, userId);
  if (base & PermissionFlagsBits.Administrator) return ALL;
  const member = guild.members.get(userId);
  if (!member) return 0n;
  const overwrites = overwriteSource(state, channel).permissionOverwrites;
  let bits = base;
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) bits = (bits & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && member.roles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  bits = (bits & ~deny) | allow;
  const own = overwrites.find((o) => o.type === 1 && o.id === userId);
  if (own) bits = (bits & ~BigInt(own.deny)) | BigInt(own.allow);
  // Without View Channel nothing else in the channel applies, as on Discord.
  return bits & PermissionFlagsBits.ViewChannel ? bits : 0n;
}

export function hasAll(bits: bigint, ...required: bigint[]): boolean {
  return required.every((r) => (bits & r) === r);
}
