// Preloaded with `node --require` (also into worker threads, which inherit it) by the tests that
// prove Session Markdown opens no network connection. Every way Node offers to open one (sockets,
// TLS, HTTP, DNS, UDP, fetch, WebSocket) is wrapped: an attempt is written to the file named by
// SESSIONMD_NETWORK_LOG, one JSON line each, and then fails. With SESSIONMD_NETWORK_SCOPE set, only
// attempts whose call stack passes through a file whose path contains it are written and refused
// (so a host such as code-server can still talk to its own extension host).
'use strict';
const fs = require('node:fs');
const { threadId } = require('node:worker_threads');

const logFile = process.env.SESSIONMD_NETWORK_LOG;
const scope = process.env.SESSIONMD_NETWORK_SCOPE;

if (logFile) {
  fs.appendFileSync(`${logFile}.loaded`, `${JSON.stringify({ pid: process.pid, threadId })}\n`);

  const inScope = (stack) => !scope || stack.includes(scope);

  const wrap = (owner, name, api) => {
    const original = owner && owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function (...args) {
      const stack = new Error().stack ?? '';
      if (!inScope(stack)) return original.apply(this, args);
      const target = describe(args[0], args[1]);
      fs.appendFileSync(logFile, `${JSON.stringify({ api, target, pid: process.pid, threadId, stack: stack.split('\n').slice(2, 8).join('\n') })}\n`);
      throw new Error(`Session Markdown tests: network access refused (${api} ${target})`);
    };
  };

  const describe = (first, second) => {
    if (typeof first === 'string' || typeof first === 'number')
      return `${first}${second !== undefined && typeof second !== 'function' && typeof second !== 'object' ? ` ${second}` : ''}`;
    if (first && typeof first === 'object') {
      if (first instanceof URL) return first.href;
      const { host, hostname, port, path, href, url } = first;
      return String(href ?? url ?? [hostname ?? host, port, path].filter((x) => x !== undefined).join(' '));
    }
    return String(first);
  };

  const net = require('node:net');
  wrap(net.Socket.prototype, 'connect', 'net.Socket.connect');
  wrap(net, 'connect', 'net.connect');
  wrap(net, 'createConnection', 'net.createConnection');
  const tls = require('node:tls');
  wrap(tls, 'connect', 'tls.connect');
  for (const id of ['node:http', 'node:https']) {
    const mod = require(id);
    wrap(mod, 'request', `${id.slice(5)}.request`);
    wrap(mod, 'get', `${id.slice(5)}.get`);
  }
  const http2 = require('node:http2');
  wrap(http2, 'connect', 'http2.connect');
  const dns = require('node:dns');
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) wrap(dns, name, `dns.${name}`);
  for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) wrap(dns.promises, name, `dns.promises.${name}`);
  const dgram = require('node:dgram');
  wrap(dgram, 'createSocket', 'dgram.createSocket');
  wrap(globalThis, 'fetch', 'fetch');
  if (typeof globalThis.WebSocket === 'function') {
    const Original = globalThis.WebSocket;
    globalThis.WebSocket = function (...args) {
      const stack = new Error().stack ?? '';
      if (!inScope(stack)) return new Original(...args);
      fs.appendFileSync(logFile, `${JSON.stringify({ api: 'WebSocket', target: String(args[0]), pid: process.pid, threadId })}\n`);
      throw new Error('Session Markdown tests: network access refused (WebSocket)');
    };
  }
}
