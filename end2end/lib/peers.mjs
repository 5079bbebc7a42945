// The real peers started by scripts/peers.sh (scripts/test.sh exports them).
export function peers() {
  for (const k of ['PROM_URL', 'PROM_USER', 'PROM_PASSWORD', 'ES_URL']) {
    if (!process.env[k]) throw new Error(`${k} is not set: run scripts/test.sh, or scripts/peers.sh start and export target/peers/peers.env`);
  }
  return { prom: process.env.PROM_URL, user: process.env.PROM_USER, password: process.env.PROM_PASSWORD, es: process.env.ES_URL };
}
