import { Type, type HttpApp } from '@motlan/http';
import { esc } from '../html.ts';
import { cookieValue, SESSION_COOKIE, type Sessions } from './sessions.ts';

// A ready-to-open URL carries the token in its fragment (`/sign-in#token=...`), which the browser
// never sends: the page's script moves it into the form, posts it, and clears the address bar.
// Also on a fragment change: the URL opened in a tab already showing this page does not reload it.
const SIGN_IN_SCRIPT = `<script>
function signInFromFragment() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return;
  history.replaceState(null, '', '/sign-in');
  document.getElementById('token').value = token;
  document.getElementById('sign-in').submit();
}
window.addEventListener('hashchange', signInFromFragment);
signInFromFragment();
</script>`;

function signInPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in · Motlan console</title></head>
<body style="font:14px system-ui,sans-serif;margin:48px"><h1>Motlan operators' console</h1>${message}
<form id="sign-in" method="post" action="/sign-in"><label>Operator token <input id="token" name="token" type="password" size="50" autocomplete="off"></label>
<button>Sign in</button></form>${SIGN_IN_SCRIPT}</body></html>`;
}

/**
 * Sign-in with an operator token (OPS_CONSOLE_OPERATOR_TOKENS), exchanged for a session cookie
 * (sessions.ts); sign-out. `/sign-in` is public; its POST still needs the console's Origin.
 * A wrong token answers 401 with the sign-in page again and opens nothing.
 */
export function registerSignInRoutes(app: HttpApp, sessions: Sessions): void {
  app.get('/sign-in', { schema: { hide: true }, config: { public: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(signInPage('')),
  );

  app.post(
    '/sign-in',
    {
      schema: { hide: true, body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }) },
      config: { public: true },
    },
    async (request, reply) => {
      const operator = sessions.operatorOf(request.body.token);
      if (!operator) {
        return reply
          .status(401)
          .type('text/html; charset=utf-8')
          .send(
            signInPage(
              `<p id="refused" style="color:#a11">${esc('That token is not an operator token.')}</p>`,
            ),
          );
      }
      request.log.info({ operator }, 'operator signed in');
      return reply.header('set-cookie', sessions.cookie(sessions.open(operator))).redirect('/topics', 303);
    },
  );

  app.post('/sign-out', { schema: { hide: true }, config: { page: true } }, async (request, reply) => {
    sessions.close(cookieValue(request.headers.cookie, SESSION_COOKIE));
    return reply.header('set-cookie', sessions.cookie('')).redirect('/sign-in', 303);
  });

  app.get('/', { schema: { hide: true }, config: { page: true } }, async (_request, reply) =>
    reply.redirect('/topics', 303),
  );
}
