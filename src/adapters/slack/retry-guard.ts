import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/**
 * Global middleware: Slack re-delivers an event when our ack was slow or lost
 * (`x-slack-retry-num` over HTTP, `retry_attempt` in Socket Mode), and Bolt passes
 * retries on like new events. The first delivery already did the work, so a retry
 * is acknowledged and dropped: never a second post.
 */
export function dropRetries(log: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    const retryNum = args.context.retryNum;
    if (typeof retryNum === 'number' && retryNum > 0) {
      const type: unknown = args.body && 'type' in args.body ? args.body.type : undefined;
      log.info({ retryNum, retryReason: args.context.retryReason, type }, 'dropping a Slack retry');
      // Events are acked by Bolt before middleware runs; everything else is acked here.
      if ('ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    await args.next();
  };
}
