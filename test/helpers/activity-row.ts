// One Data API /activity TRADE row for tests that write activity files: row i is one second after row i−1, with its
// own transaction hash; `extra` overrides fields (a bad value, another type).
export function activityRow(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    proxyWallet: "0x" + "ab".repeat(20),
    timestamp: 1_767_236_479 + i,
    conditionId: "0x" + "c1".repeat(32),
    type: "TRADE",
    size: 10,
    usdcSize: 5,
    transactionHash: `0x${String(i).padStart(64, "0")}`,
    price: 0.5,
    asset: "123",
    side: "BUY",
    outcomeIndex: 0,
    outcome: "Up",
    ...extra,
  };
}
