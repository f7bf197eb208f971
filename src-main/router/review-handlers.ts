import type { Services } from '../services';
import type { Handlers } from './router';

type ReviewChannel = Extract<keyof Handlers, `review.${string}`> | 'footage.setRetention';

/** Step 1's review screen: timeline, player, clips, bookmarks, stills. */
export function createReviewHandlers(services: Services): Pick<Handlers, ReviewChannel> {
  const { review, playback, catalogue } = services;
  return {
    'footage.setRetention': (input, ctx) => catalogue.setRetention({ ...input, actor: ctx.actor }),
    'review.timeline': (input) => review.timeline(input),
    'review.locate': (input) => playback.locate(input),
    'review.thumbnails': (input) => playback.thumbnails(input),
    'review.state': (input) => review.state(input),
    'review.addClips': (input, ctx) => review.addClips({ ...input, actor: ctx.actor }),
    'review.updateClip': (input, ctx) => review.updateClip({ ...input, actor: ctx.actor }),
    'review.deleteClip': (input, ctx) => {
      review.deleteClip({ ...input, actor: ctx.actor });
      return { deleted: true as const };
    },
    'review.reorderClips': (input, ctx) => review.reorderClips({ ...input, actor: ctx.actor }),
    'review.addBookmark': (input, ctx) => review.addBookmark({ ...input, actor: ctx.actor }),
    'review.updateBookmark': (input, ctx) => review.updateBookmark({ ...input, actor: ctx.actor }),
    'review.deleteBookmark': (input, ctx) => {
      review.deleteBookmark({ ...input, actor: ctx.actor });
      return { deleted: true as const };
    },
    'review.takeStill': (input, ctx) => review.takeStill({ ...input, actor: ctx.actor }),
    'review.updateStill': (input, ctx) => review.updateStill({ ...input, actor: ctx.actor }),
    'review.deleteStill': (input, ctx) => {
      review.deleteStill({ ...input, actor: ctx.actor });
      return { deleted: true as const };
    },
  };
}
