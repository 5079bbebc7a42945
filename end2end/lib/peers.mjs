// The real peers started by scripts/peers.sh (scripts/test.sh exports them).
export function peers() {
  for (const k of ['PROM_URL', 'PROM_USER', 'PROM_PASSWORD', 'ES_URL']) {
    if (!process.env[k]) throw new Error(`${k} is not set: run scripts/test.sh, or scripts/peers.sh start and export target/peers/peers.env`);
  }
  return { prom: process.env.PROM_URL, user: process.env.PROM_USER, password: process.env.PROM_PASSWORD, es: process.env.ES_URL };
}

// The generated log documents that carry "error 1234567" (scripts/gen_data.py:
// document i, newest first, when i % 97 == 0), for as many documents as the
// peers were loaded with.
export function errorCodeDocs() {
  const docs = Number(process.env.DATA_DOCS ?? 5000);
  return Array.from({ length: docs }, (_, i) => i).filter((i) => i % 97 === 0);
}

// Lookout with the peers as data sources `Prom` and `Logs`, once Prometheus
// has scraped node-exporter (Host metrics reads its live series, and the
// peers may have started seconds ago).
export async function startWithPeers(startLookout) {
  const p = peers();
  const server = await startLookout({ datasources: [
    { name: 'Prom', kind: 'prometheus', url: p.prom, auth: 'basic', basic_username: p.user, secret: p.password },
    { name: 'Logs', kind: 'elasticsearch', url: p.es, index_pattern: 'logs-*' },
  ] });
  const auth = 'Basic ' + Buffer.from(`${p.user}:${p.password}`).toString('base64');
  for (let i = 0; i < 60; i++) {
    const r = await fetch(`${p.prom}/api/v1/query?query=node_uname_info`, { headers: { authorization: auth } });
    if ((await r.json()).data?.result?.length) break;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  return server;
}
