// The image's health check: GET $MOTLAN_HEALTH_URL (the workload's own readiness URL on
// 127.0.0.1) answers 200 within 3 s, or the container is unhealthy (exit 1). The certificate is not
// checked: the request never leaves the container, and /health and /ready need no client certificate.
/* global process, console */
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

const url = process.env.MOTLAN_HEALTH_URL;
if (!url) {
  console.error('MOTLAN_HEALTH_URL is not set');
  process.exit(1);
}
const get = url.startsWith('https:') ? httpsGet : httpGet;
const request = get(url, { rejectUnauthorized: false, timeout: 3000 }, (response) => {
  response.resume();
  process.exit(response.statusCode === 200 ? 0 : 1);
});
request.on('timeout', () => request.destroy(new Error('timed out')));
request.on('error', (error) => {
  console.error(`${url}: ${error.message}`);
  process.exit(1);
});
