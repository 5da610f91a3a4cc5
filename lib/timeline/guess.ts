// A first guess at an imported chat message's kind and whether it is a key event (pure). The
// preview shows the guess and the user corrects it before saving; these words are the ones
// incident channels actually use.
import type { TimelineKind } from "./constants";

// First match wins: "we decided to roll back" is a decision.
const KIND_WORDS: [TimelineKind, RegExp][] = [
  ["DECISION", /\b(decided|decision|we will|we'll|agreed|going with|let's)\b/i],
  [
    "ALERT",
    /\b(alerts?|alerting|alarms?|paged|pages|paging|pagerduty|opsgenie|firing|fired|triggered|on-?call was notified)\b/i,
  ],
  [
    "ACTION",
    /\b(roll(?:ed|ing)?[ -]?back|rollback|revert(?:ed|ing)?|deploy(?:ed|ing)?|restart(?:ed|ing)?|reboot(?:ed|ing)?|fail(?:ed)?[ -]?over|scal(?:ed|ing) (?:up|out|down)|hotfix|patch(?:ed)?|drain(?:ed|ing)?|disabl(?:ed|ing)|enabl(?:ed|ing)|flipped|purged?|killed)\b/i,
  ],
  [
    "COMMUNICATION",
    /\b(status ?page|customers? (?:were|was)? ?(?:notified|informed|emailed)|posted an update|announce(?:d|ment)?|notif(?:y|ied)|emailed|update:)/i,
  ],
];

const KEY_WORDS =
  /\b(paged|page fired|alert fired|fired|triggered|declared|roll(?:ed)?[ -]?back|reverted|deployed|fail(?:ed)?[ -]?over|mitigated|resolved|recovered|back to normal|root cause|outage)\b/i;

export function guessKind(text: string): { kind: TimelineKind; isKey: boolean } {
  const kind = KIND_WORDS.find(([, re]) => re.test(text))?.[0] ?? "NOTE";
  return { kind, isKey: KEY_WORDS.test(text) };
}
