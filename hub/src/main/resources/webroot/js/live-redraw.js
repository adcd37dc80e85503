// A view that redraws itself shortly after the live events that change it (boards, the calendar): a burst of events
// gives one redraw, and none once the view has been left.

/**
 * Redraws `delayMs` after the last of the named events (`accept` may look at an event and pass it over); answers
 * `{stop}` to stop listening, or null without an event stream.
 */
export function redrawOnEvents(ctx, main, types, redraw, delayMs, accept = () => true) {
  const source = ctx.events?.();
  if (!source) return null;
  let timer = null;
  const soon = (e) => {
    if (!accept(e)) return;
    clearTimeout(timer);
    timer = setTimeout(() => { if (main.isConnected) redraw(); }, delayMs);
  };
  types.forEach((type) => source.addEventListener(type, soon));
  return { stop: () => { clearTimeout(timer); types.forEach((type) => source.removeEventListener(type, soon)); } };
}

/** A view's one live subscription: `follow` replaces the one before, `stop` ends it (the shell stops it when another view opens). */
export function liveSubscription() {
  let current = null;
  const stop = () => { current?.stop(); current = null; };
  return { stop, follow: (subscription) => { stop(); current = subscription; } };
}
