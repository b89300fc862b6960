/**
 * The baseline: a minimal botbuilder echo bot on the same stack as the product's bot (express 5, express.json,
 * CloudAdapter with ConfigurationBotFrameworkAuthentication, anonymous on loopback). It answers every message with
 * its text; with deliveryMode expectReplies the reply comes back in the HTTP response, as the product's do.
 */
import { createServer } from 'node:http';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';
import { readRun, startProfile, startRun, stopProfile, watchServer } from '../lib/diagnostics';
import { serveCommands } from '../lib/serve';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const app = express();
app.disable('x-powered-by');
app.post('/api/messages', express.json({ limit: '512kb' }), async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});

const server = createServer(app);
server.keepAliveTimeout = 30_000;
watchServer(server);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serveCommands(
    { baseUrl: `http://127.0.0.1:${port}`, pid: process.pid },
    {
      cpu: () => process.cpuUsage(),
      runStart: () => startRun(),
      runRead: () => readRun(),
      profileStart: () => startProfile(),
      profileStop: () => stopProfile(),
    },
    async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  );
});
