/** Page numbers (1-based) in the order to draw them: the one in view (0-based `first`), then the
 * next, the one before, and so on outwards, so what the clerk is looking at is ready first. */
export function drawingOrder(count: number, first: number): number[] {
  const start = Math.min(Math.max(first, 0), Math.max(count - 1, 0));
  const order: number[] = [];
  for (let d = 0; order.length < count; d++) {
    if (start + d < count) order.push(start + d + 1);
    if (d > 0 && start - d >= 0) order.push(start - d + 1);
  }
  return order;
}
