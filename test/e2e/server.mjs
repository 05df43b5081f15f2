// The fake TASS site for end-to-end tests and the demo: serves the fixture pages under the real TASS
// host names from 127.0.0.1, over https (Backstory runs on https TASS pages only) and plain http (to
// show that it does not run there). Plain JavaScript (typed in server.d.mts) so that
// `node test/e2e/demo.mjs` can import it without a TypeScript step, and the vitest tests import the
// same copy.
//
// One port speaks both: a connection whose first byte opens a TLS handshake gets TLS with the
// self-signed certificate in tls/ (test-only: the browsers are launched to accept it), any other
// gets plain HTTP. Browsers reach it in two ways:
// - Chromium maps the TASS host names to this port (--host-resolver-rules), so https requests
//   arrive as TLS with the host name in SNI and the Host header.
// - Firefox uses it as its HTTP proxy (network.proxy.*): https pages arrive as a CONNECT tunnel to
//   a TASS host, which is answered with TLS here; plain http ones as absolute-form requests
//   (`GET https://tass.com/politics/1387519`). Firefox's own background traffic then comes here too:
//   other hosts get 502 and CONNECT tunnels to them are refused, so nothing leaves the machine.

import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_FIXTURES_DIR = resolve(HERE, '../fixtures/pages');

/** Host names the browsers send to this server. `www.` variants serve the same pages. */
export const TASS_HOSTS = ['tass.com', 'www.tass.com', 'tass.ru', 'www.tass.ru'];

/** Fixture page served for each host and path. */
export const ROUTES = {
  'tass.com': {
    '/': 'tass-com-home.html',
    '/politics': 'tass-com-section.html',
    '/politics/1387519': 'tass-com-2022-seed.html',
    '/politics/1387519/amp': 'tass-com-2022-seed-amp.html',
    '/politics/1400000': 'tass-com-rendered-later.html',
    '/politics/2020000': 'tass-com-2025-new-start-offer.html',
    '/world/1600000': 'tass-com-appends-articles.html',
    '/world/1700000': 'tass-com-rerenders.html',
  },
  'tass.ru': {
    '/politika/2000000': 'tass-ru-2021.html',
    '/mezhdunarodnaya-panorama/3000000': 'tass-ru-current.html',
    '/politika/4000000': 'tass-ru-2017.html',
  },
};

/** A long article generated from the seed page (its body paragraphs repeated). */
export const LONG_ARTICLE = { host: 'tass.com', path: '/world/1500000', minBytes: 300 * 1024 };

const MAX_LOG = 500;

/** The test certificate for the four TASS host names (self-signed; only the test launches trust it). */
const TLS = {
  key: readFileSync(join(HERE, 'tls/key.pem')),
  cert: readFileSync(join(HERE, 'tls/cert.pem')),
};

/** Chromium flag that sends the TASS host names to this server. */
export function chromiumHostRules(port) {
  return `--host-resolver-rules=${TASS_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`;
}

/**
 * Chromium's command line for a run against this server: TASS hosts mapped here, no background
 * traffic (the machines' network is closed), and the unpacked extension at `extensionDir` if given.
 */
export function chromiumArgs(port, extensionDir) {
  return [
    ...(extensionDir
      ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
      : []),
    chromiumHostRules(port),
    // The fixture server's certificate is self-signed; only these test and bench launches accept it.
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** Firefox prefs that use this server as the proxy for everything, http and https (it refuses all but TASS). */
export function firefoxProxyPrefs(port) {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    // https pages come as CONNECT tunnels to the same server (answered with TLS for TASS hosts).
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'dom.security.https_first': false,
    'dom.security.https_first_schemeless': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
  };
}

/** Builds a tass.com article of at least `minBytes` by repeating the seed page's body blocks. */
export function buildLongArticle(seedHtml, minBytes = LONG_ARTICLE.minBytes) {
  const { document } = parseHTML(seedHtml);
  const body =
    document.querySelector('.text-content') ??
    document.querySelector('.news') ??
    document.querySelector('article') ??
    document.body;
  const blocks = [...body.children].map((el) => el.outerHTML).join('\n');
  if (!blocks) throw new Error('seed page has no body blocks to repeat');
  const repeats = Math.ceil(minBytes / Buffer.byteLength(blocks)) + 1;
  body.innerHTML = Array.from({ length: repeats }, () => blocks).join('\n');
  return document.toString();
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  const buf = Buffer.from(body);
  res.writeHead(status, {
    'content-type': type,
    'content-length': buf.length,
    'cache-control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

/**
 * Starts the server on 127.0.0.1 (port 0: an ephemeral port). `extraPage(host, path)` may serve
 * pages made by the test itself (the hostile page generator): its HTML, or null for the fixtures.
 * @param {{ port?: number, fixturesDir?: string, verbose?: boolean, extraPage?: (host: string, path: string) => string | null }} [options]
 */
export async function startServer(options = {}) {
  const fixturesDir = options.fixturesDir ?? DEFAULT_FIXTURES_DIR;
  const verbose = options.verbose ?? false;
  /** @type {{ method: string, host: string, path: string, status: number }[]} */
  const requests = [];
  let longArticle = null;

  const log = (method, host, path, status) => {
    requests.push({ method, host, path, status });
    if (requests.length > MAX_LOG) requests.splice(0, requests.length - MAX_LOG);
    if (verbose) console.log(`${status} ${method} ${host}${path}`);
  };

  const page = (host, path) => {
    const extra = options.extraPage?.(host, path);
    if (extra != null) return extra;
    const site = host.replace(/^www\./, '');
    if (site === LONG_ARTICLE.host && path === LONG_ARTICLE.path) {
      longArticle ??= buildLongArticle(
        readFileSync(join(fixturesDir, ROUTES['tass.com']['/politics/1387519']), 'utf8'),
      );
      return longArticle;
    }
    const file = ROUTES[site]?.[path];
    return file === undefined ? null : readFileSync(join(fixturesDir, file), 'utf8');
  };

  const handle = (req, res) => {
    // Bodies are never needed; drain them so a client cannot park data in our buffers.
    req.resume();
    let url;
    try {
      // Absolute-form when used as a proxy, origin-form (with Host) when reached by host mapping.
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'invalid.invalid'}`);
    } catch {
      log(req.method ?? '?', '?', req.url ?? '', 400);
      return send(res, 400, 'bad request\n');
    }
    const host = url.hostname.toLowerCase();
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const status = (() => {
      if (!TASS_HOSTS.includes(host)) {
        send(res, 502, `this test server only serves ${TASS_HOSTS.join(', ')}\n`);
        return 502;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'method not allowed\n');
        return 405;
      }
      let html;
      try {
        html = page(host, path);
      } catch (err) {
        const missing = /** @type {NodeJS.ErrnoException} */ (err).code === 'ENOENT';
        send(res, missing ? 404 : 500, `fixture unavailable: ${/** @type {Error} */ (err).message}\n`);
        return missing ? 404 : 500;
      }
      if (html === null) {
        send(res, 404, 'not found\n');
        return 404;
      }
      send(res, 200, html, 'text/html; charset=utf-8');
      return 200;
    })();
    log(req.method ?? '?', host, path, status);
  };

  const plain = http.createServer(handle);
  const secure = https.createServer(TLS, handle);
  // Bounded: short timeouts, small headers.
  for (const server of [plain, secure]) {
    server.headersTimeout = 10_000;
    server.requestTimeout = 15_000;
    server.keepAliveTimeout = 2_000;
    server.maxHeadersCount = 100;
    // Sockets that send no request in time, or garbage, are closed without a reply. Writing a
    // 400/408 there (Node's default) is wrong for browsers: Chromium preconnects sockets it may use
    // only seconds later, and would read that stale error as the answer to its next navigation (seen
    // as net::ERR_HTTP_RESPONSE_CODE_FAILURE on a page the server sent 200).
    server.on('clientError', (_err, socket) => socket.destroy());
  }
  secure.on('tlsClientError', (_err, socket) => socket.destroy());

  // Every raw socket, to close them all on stop (tunnels leave the http servers' bookkeeping).
  const sockets = new Set();
  const track = (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  // The TLS server listens on a port of its own; TLS connections to the public port are piped to it
  // (Node's TLS reads the socket's handle directly, so a sniffed byte cannot be handed back to it).
  secure.on('connection', track);
  /** Hands a socket to the TLS or the plain server by its first byte (0x16: a TLS handshake). */
  const dispatch = (socket) => {
    socket.once('data', (first) => {
      socket.pause();
      if (first[0] === 0x16) {
        const upstream = net.connect(secure.address().port, '127.0.0.1');
        track(upstream);
        upstream.write(first);
        socket.pipe(upstream).pipe(socket);
        socket.on('close', () => upstream.destroy());
        upstream.on('close', () => socket.destroy());
      } else {
        socket.unshift(first);
        plain.emit('connection', socket);
      }
      socket.resume();
    });
  };
  // A CONNECT tunnel (Firefox, https through its proxy) to a TASS host is answered with TLS here;
  // to any other host it is refused.
  plain.on('connect', (req, socket, head) => {
    const host = (req.url ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!TASS_HOSTS.includes(host) || !/:443$/.test(req.url ?? '')) {
      log('CONNECT', req.url ?? '', '', 502);
      socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    dispatch(socket);
  });

  const server = net.createServer((socket) => {
    track(socket);
    socket.setTimeout(30_000, () => socket.destroy());
    dispatch(socket);
  });
  server.maxConnections = 64;

  await new Promise((resolveListen, reject) => {
    secure.once('error', reject);
    secure.listen(0, '127.0.0.1', () => resolveListen(undefined));
  });
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen(undefined);
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  const port = address.port;

  let closing = null;
  return {
    port,
    requests,
    close() {
      closing ??= new Promise((resolveClose) => {
        secure.close();
        server.close(() => resolveClose(undefined));
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

// `node test/e2e/server.mjs [port]`: serve the fixtures for manual browsing.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const server = await startServer({ port: Number(process.argv[2] ?? 0), verbose: true });
  console.log(`fixture server on 127.0.0.1:${server.port}`);
  console.log(`  chromium ${chromiumHostRules(server.port)}`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
