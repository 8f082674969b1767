/**
 * A local fake of the Microsoft services exo-audit talks to, over HTTPS on
 * 127.0.0.1 with a certificate made for the test: the token endpoint
 * (login.microsoftonline.com style), Microsoft Graph v1.0/beta collections with
 * paging, the Exchange admin InvokeCommand endpoint, audit log queries, sign-ins
 * and directory audits; with injectable faults. Started and stopped by each test.
 */
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SynthRecord } from '../../src/core/synth';
import type { TenantModel } from '../../src/core/tenant';
import { AuditService, timeFilter, type StoredRecord } from './auditService';
import { FaultPlan } from './faults';
import { FakeIdentity, type Audience } from './identity';
import { renderGraph, runCmdlet, type GraphData, type Obj } from './render';
import { selfSignedCertificate } from './selfSignedCert';

export interface FakeTenantOptions {
  readonly model: TenantModel;
  /** The records audit queries, sign-ins and directory audits serve. */
  readonly records?: Iterable<SynthRecord>;
  /** Largest Graph page (default 7, to exercise paging). */
  readonly graphPageSize?: number;
  /** Largest Exchange page (default 5). */
  readonly exchangePageSize?: number;
}

export interface RequestLogEntry { readonly method: string; readonly path: string; readonly status: number }

export interface FakeTenant {
  /** https://127.0.0.1:PORT: authority host, Graph base and Exchange base alike. */
  readonly url: string;
  /** The server certificate (PEM), for the clients of this test only. */
  readonly ca: string;
  readonly tenantId: string;
  readonly identity: FakeIdentity;
  readonly faults: FaultPlan;
  readonly audit: AuditService;
  readonly requests: RequestLogEntry[];
  /** Replaces the tenant the server shows. */
  setModel(model: TenantModel): void;
  stop(): Promise<void>;
}

function send(res: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal; charset=utf-8', 'request-id': 'fake', ...headers });
  res.end(text);
}

function graphError(code: string, message: string): Obj {
  return { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': 'fake', 'client-request-id': 'fake' } } };
}

function select(item: Obj, $select: string | null): Obj {
  if (!$select) return item;
  const keys = new Set($select.split(',').map((s) => s.trim()));
  return Object.fromEntries(Object.entries(item).filter(([k]) => k === 'id' || k === '@odata.type' || keys.has(k)));
}

export async function startFakeTenant(options: FakeTenantOptions): Promise<FakeTenant> {
  let model = options.model;
  let graph: GraphData = renderGraph(model);
  const graphPage = options.graphPageSize ?? 7;
  const exchangePage = options.exchangePageSize ?? 5;
  const cert = selfSignedCertificate({ commonName: '127.0.0.1', ips: ['127.0.0.1'], dnsNames: ['localhost'], keyType: 'ec' });
  const faults = new FaultPlan();
  const audit = new AuditService(options.records ?? []);
  const requests: RequestLogEntry[] = [];
  let base = '';
  const identity = new FakeIdentity(model.tenantId, () => base);

  // Directory collections page small (to exercise paging); log collections honour $top up to 1000, as Graph does.
  const page = (res: import('node:http').ServerResponse, url: URL, items: Obj[], extra: Obj = {}, max = graphPage): void => {
    const top = Math.min(Number(url.searchParams.get('$top') ?? max) || max, max);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const $select = url.searchParams.get('$select');
    const slice = items.slice(skip, skip + top).map((i) => select(i, $select));
    const body: Obj = { '@odata.context': `${base}/v1.0/$metadata`, ...extra, value: slice };
    if (skip + top < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set('$skiptoken', String(skip + top));
      body['@odata.nextLink'] = `${base}${next.pathname}?${[...next.searchParams].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
    }
    send(res, 200, body);
  };

  const records = (res: import('node:http').ServerResponse, url: URL, list: StoredRecord[], property: string): void => {
    const keep = timeFilter(url.searchParams.get('$filter'), property);
    page(res, url, list.filter((r) => keep(r.time)).map((r) => r.body), {}, 1000);
  };

  const handleGraph = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL, body: string): void => {
    const path = url.pathname.replace(/^\/(v1\.0|beta)\//, '');
    const m = (re: RegExp) => re.exec(path);
    let hit: RegExpExecArray | null;
    if (req.method === 'GET') {
      if (path === 'organization') return page(res, url, graph.organization);
      if (path === 'servicePrincipals') return page(res, url, graph.servicePrincipals);
      if (path === 'applications') return page(res, url, graph.applications);
      if (path === 'users') return page(res, url, graph.users);
      if (path === 'groups') return page(res, url, graph.groups);
      if (path === 'oauth2PermissionGrants') return page(res, url, graph.oauth2PermissionGrants);
      if ((hit = m(/^servicePrincipals\/([^/]+)\/appRoleAssignments$/))) return page(res, url, graph.appRoleAssignments.get(hit[1]!) ?? []);
      if ((hit = m(/^applications\/([^/]+)\/owners$/))) return page(res, url, graph.applicationOwners.get(hit[1]!) ?? []);
      if ((hit = m(/^groups\/([^/]+)\/members$/))) return page(res, url, graph.groupMembers.get(hit[1]!) ?? []);
      if (path === 'auditLogs/signIns') return records(res, url, audit.signIns, 'createdDateTime');
      if (path === 'auditLogs/directoryAudits') return records(res, url, audit.directoryAudits, 'activityDateTime');
      if ((hit = m(/^security\/auditLog\/queries\/([^/]+)$/))) {
        const q = audit.poll(hit[1]!);
        return q ? send(res, 200, q) : send(res, 404, graphError('NotFound', 'The audit log query was not found.'));
      }
      if ((hit = m(/^security\/auditLog\/queries\/([^/]+)\/records$/))) {
        const q = audit.queries.get(hit[1]!);
        if (!q) return send(res, 404, graphError('NotFound', 'The audit log query was not found.'));
        if (q.status !== 'succeeded') return send(res, 400, graphError('BadRequest', 'The query has not completed.'));
        return page(res, url, q.matches.map((r) => r.body), url.searchParams.get('$count') === 'true' ? { '@odata.count': audit.reported(q) } : {}, 1000);
      }
    }
    if (req.method === 'POST' && path === 'security/auditLog/queries') {
      let parsed: Obj;
      try {
        parsed = JSON.parse(body) as Obj;
      } catch {
        return send(res, 400, graphError('BadRequest', 'The request body is not JSON.'));
      }
      const q = audit.create(parsed);
      return typeof q === 'string' ? send(res, 400, graphError('BadRequest', q)) : send(res, 201, audit.view(q));
    }
    send(res, 404, graphError('Request_ResourceNotFound', `Resource not found for the segment '${path.split('/')[0]}'.`));
  };

  const handleExchange = (res: import('node:http').ServerResponse, url: URL, body: string): void => {
    let input: { CmdletInput?: { CmdletName?: string; Parameters?: Obj } };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      return send(res, 400, { error: { code: 'BadRequest', message: 'The request body is not JSON.' } });
    }
    const name = String(input.CmdletInput?.CmdletName ?? '');
    const out = runCmdlet(model, name, input.CmdletInput?.Parameters ?? {});
    if (!out) {
      return send(res, 400, { error: { code: 'BadRequest', message: `|Microsoft.Exchange.Management.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed: '${name}' with these parameters.`,
        details: [{ code: 'Context', message: `Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object couldn't be found.`, target: '' }] } });
    }
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const value = out.slice(skip, skip + exchangePage);
    const reply: Obj = { '@odata.context': `${base}/adminapi/beta/${model.tenantId}/$metadata#Collection(Exchange.GenericHashTable)`, 'adminapi.warnings@odata.type': '#Collection(String)', 'adminapi.warnings': [], value };
    if (skip + exchangePage < out.length) reply['@odata.nextLink'] = `${base}${url.pathname}?$skiptoken=${skip + exchangePage}`;
    send(res, 200, reply);
  };

  const server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const body = Buffer.concat(chunks).toString('utf8');
      const line = `${req.method} ${url.pathname}${url.search}`;
      res.on('finish', () => requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, status: res.statusCode }));
      // Faults match the request line, then the body (Exchange cmdlets are named in the body).
      const fault = faults.take(`${line}\n${body}`);
      if (fault?.kind === 'slow') {
        // Never answers; the client's timeout ends the exchange.
        return;
      }
      if (fault?.kind === 'drop') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
        res.write('{"value":[{"id":"partial",');
        res.socket?.destroy();
        return;
      }
      if (fault?.kind === 'throttle') {
        return send(res, 429, graphError('TooManyRequests', 'Too many requests, retry after the indicated time.'), { 'retry-after': String(fault.retryAfterSeconds) });
      }
      if (fault?.kind === 'serverError') return send(res, fault.status ?? 503, graphError('ServiceUnavailable', 'The service is temporarily unavailable.'));
      if (fault?.kind === 'expireToken') identity.expire(/^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');

      // Token service.
      const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/(token|devicecode)$/.exec(url.pathname);
      if (tokenPath && req.method === 'POST') {
        const form = new URLSearchParams(body);
        const r = tokenPath[2] === 'token' ? identity.token(form, `${base}${url.pathname}`) : identity.deviceCode(form, `${base}/devicelogin`);
        return send(res, r.status, r.body);
      }
      const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
      if (discovery) {
        const t = discovery[1]!;
        return send(res, 200, {
          token_endpoint: `${base}/${t}/oauth2/v2.0/token`, authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`, device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`, jwks_uri: `${base}/${t}/discovery/v2.0/keys`, issuer: `${base}/${t}/v2.0`,
          response_modes_supported: ['query', 'fragment', 'form_post'], token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        });
      }
      const audience: Audience | undefined = /^\/(v1\.0|beta)\//.test(url.pathname) ? 'graph' : /^\/adminapi\/beta\//.test(url.pathname) ? 'exchange' : undefined;
      if (!audience) return send(res, 404, graphError('NotFound', 'No such endpoint.'));
      const refused = identity.check(req.headers.authorization, audience);
      if (refused) {
        return send(res, 401, graphError('InvalidAuthenticationToken', refused), { 'www-authenticate': `Bearer realm="", authorization_uri="${base}/common/oauth2/authorize", error="invalid_token", error_description="${refused}"` });
      }
      if (audience === 'graph') return handleGraph(req, res, url, body);
      const exo = /^\/adminapi\/beta\/([^/]+)\/InvokeCommand$/.exec(url.pathname);
      if (exo && req.method === 'POST') {
        if (exo[1] !== model.tenantId && exo[1] !== model.domain) return send(res, 404, { error: { code: 'NotFound', message: 'Tenant not found.' } });
        return handleExchange(res, url, body);
      }
      send(res, 404, { error: { code: 'NotFound', message: 'No such endpoint.' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let stopped: Promise<void> | undefined;
  return {
    url: base, ca: cert.certPem, tenantId: model.tenantId, identity, faults, audit, requests,
    setModel(m) {
      model = m;
      graph = renderGraph(m);
    },
    stop: () => (stopped ??= new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    })),
  };
}
