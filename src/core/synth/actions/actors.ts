import type { EventLog, EmitOptions } from '../events';
import { withPort, type Actor } from '../records/context';
import type { Person } from '../tenant/types';
import type { Prng } from '../random/prng';

export function actorOf(p: Person): Actor {
  return { upn: p.user.userPrincipalName, id: p.user.id, puid: p.puid, displayName: p.user.displayName };
}

/**
 * An administrator's Exchange Online PowerShell (or admin center) session:
 * every cmdlet of the session shares the client address, session and token.
 */
export class AdminSession {
  private readonly port: number;
  readonly sessionId: string;
  private readonly tokenId: string;

  constructor(
    private readonly log: EventLog,
    readonly actor: Actor,
    readonly ip: string,
    private readonly appId: string,
    private readonly server: string,
    prng: Prng,
    private readonly issuedAt: number,
  ) {
    this.port = prng.between(1025, 65000);
    this.sessionId = prng.guid();
    this.tokenId = prng.hex(22).replace(/[0-9a-f]{2}$/, 'AA');
  }

  run(time: number, operation: string, objectId: string, parameters: readonly (readonly [string, string])[], o?: EmitOptions): string {
    return this.log.cmdlet({
      time, operation, actor: this.actor, clientIp: withPort(this.ip, this.port), objectId, parameters,
      sessionId: this.sessionId, appId: this.appId, server: this.server, tokenId: this.tokenId, issuedAt: this.issuedAt,
    }, o);
  }
}
