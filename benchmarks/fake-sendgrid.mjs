// A stand-in for the SendGrid v3 API on a free loopback port, for benchmarks/load-spike: the app's real
// SendGrid SDK sends to it and every POST /v3/mail/send is accepted (202), so the spike pays for sending
// email without reaching SendGrid. Prints "listening on <port>" once ready. GET /accepted answers how many
// emails it has accepted so far, so the load program knows when every email of a spike has been sent.
import { createServer } from 'node:http';

let accepted = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const sending = request.method === 'POST' && request.url === '/v3/mail/send';
    if (sending) accepted++;
    if (request.method === 'GET' && request.url === '/accepted') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(String(accepted));
      return;
    }
    response.writeHead(sending ? 202 : 404).end();
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
process.on('SIGTERM', () => {
  console.log(`accepted ${accepted} emails`);
  process.exit(0);
});
