// Self-signed certificate for the lab's https origin, made fresh at every start.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LabCertificate {
  key: string;
  cert: string;
  /** 'openssl' or 'selfsigned' (the npm package), whichever made it. */
  madeWith: string;
}

export const CERT_NAMES = ['lab.test', '*.lab.test', 'other.test', '*.other.test', 'localhost'];
export const CERT_IPS = ['127.0.0.1'];

/** What the lab reads from the `selfsigned` npm package (not a dependency): generate(), at the top or on default. */
type SelfsignedGenerate = (
  attrs: { name: string; value: string }[],
  options: { days: number; keySize: number; extensions: { name: string; altNames: object[] }[] },
) => { private: string; cert: string } | Promise<{ private: string; cert: string }>;
interface SelfsignedModule {
  generate?: SelfsignedGenerate;
  default?: { generate?: SelfsignedGenerate };
}

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function makeCertificate(dir: string): Promise<LabCertificate> {
  if (hasOpenssl()) {
    const keyFile = join(dir, 'lab.key');
    const certFile = join(dir, 'lab.crt');
    const san = [...CERT_NAMES.map((n) => `DNS:${n}`), ...CERT_IPS.map((ip) => `IP:${ip}`)].join(',');
    const conf = join(dir, 'openssl.cnf');
    writeFileSync(
      conf,
      [
        '[req]',
        'distinguished_name=dn',
        'x509_extensions=ext',
        'prompt=no',
        '[dn]',
        'CN=lab.test',
        'O=Cache Lens lab (self-signed)',
        '[ext]',
        `subjectAltName=${san}`,
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        '',
      ].join('\n'),
    );
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '30',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-config',
        conf,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), madeWith: 'openssl' };
  }
  // No openssl CLI: the `selfsigned` npm package, if someone installed it.
  const name = 'selfsigned';
  let mod: SelfsignedModule;
  try {
    mod = (await import(/* @vite-ignore */ name)) as SelfsignedModule;
  } catch {
    throw new Error('The lab needs the openssl CLI (apt-get install openssl) or `npm i -D selfsigned` to make its certificate.');
  }
  const generate = mod.generate ?? mod.default?.generate;
  const altNames = [...CERT_NAMES.map((value) => ({ type: 2, value })), ...CERT_IPS.map((ip) => ({ type: 7, ip }))];
  // A module with neither export throws a TypeError here (generate is not a function).
  const pems = await generate!([{ name: 'commonName', value: 'lab.test' }], {
    days: 30,
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames }],
  });
  return { key: pems.private, cert: pems.cert, madeWith: 'selfsigned' };
}
