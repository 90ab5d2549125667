// A tiny HTTP client for tests: reaches the lab's *.test names on 127.0.0.1 and accepts its self-signed certificate.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface LabResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Set-Cookie lines, one per header line. */
  setCookie: string[];
  body: string;
  /** The server certificate's subjectAltName (https only). */
  subjectAltName?: string;
}

/** Resolves every *.test name (and localhost) to 127.0.0.1, like Chromium's host-resolver rule. */
export const labLookup: LookupFunction = (hostname, options, cb) => {
  if (/\.test$|^localhost$/i.test(hostname) || hostname === '127.0.0.1') {
    if ((options as { all?: boolean }).all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
  } else cb(new Error(`the lab client only talks to *.test, not ${hostname}`), '', 4);
};

export function labRequest(url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<LabResponse> {
  const u = new URL(url);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      u,
      {
        method: init.method ?? 'GET',
        headers: init.headers,
        lookup: labLookup,
        rejectUnauthorized: false,
        maxHeaderSize: 1024 * 1024,
        agent: false,
      },
      (res) => {
        const sock = res.socket as TLSSocket | null;
        const subjectAltName = sock && typeof sock.getPeerCertificate === 'function' ? sock.getPeerCertificate().subjectaltname : undefined;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            setCookie: res.headers['set-cookie'] ?? [],
            body: Buffer.concat(chunks).toString('utf8'),
            subjectAltName,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
