#!/usr/bin/env python3
"""Oracle for tolok's English sentiment scorer: VADER 3.3.2 scores of generated sentences.

Rerun (the output is deterministic; commit the TSV it writes):

    python3 -m venv /tmp/vader-oracle
    /tmp/vader-oracle/bin/pip install vaderSentiment==3.3.2
    /tmp/vader-oracle/bin/python scripts/vader_oracle.py

It writes tests/fixtures/sentiment/vader_oracle.tsv, one sentence per line:
`text<TAB>neg<TAB>neu<TAB>pos<TAB>compound`, the values as vaderSentiment returns them
(already rounded: 3 decimals, compound 4). Texts never contain a tab or a line break.
The committed file was produced with Python 3.11 (3.12+ sums floats with compensation,
which could move a value sitting exactly on a rounding boundary).

The sentences are built from templates and word lists written for this project, chosen to
exercise every VADER rule: negation (including "n't", "no", "never so", "without doubt",
"least"), boosters and dampeners at distances 1 to 3, ALL CAPS mixes, "but", "!" and "?"
runs, emoji, emoticons, the special-case idioms, "kind of", social-media text (@mentions,
#hashtags, URLs) and a few non-ASCII casing and whitespace edge cases.
"""

import itertools
import random
import sys
from importlib import metadata
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

OUTPUT = Path(__file__).resolve().parent.parent / "tests/fixtures/sentiment/vader_oracle.tsv"

SUBJECTS = [
    "The service", "this app", "Our zakat program", "The movie", "customer support",
    "The new update", "Your team", "the delivery", "My experience", "The food",
    "Their reply", "the campaign", "This phone", "The volunteers", "the checkout page",
]
VERBS = ["is", "was", "has been", "looks", "feels", "seems", "will be", "is just"]
NEGATORS = [
    "", "", "", "not", "never", "isn't", "wasn't", "hardly", "without", "no", "cannot be",
    "ain't", "nothing", "rarely", "despite", "don't think it's", "not very", "never so",
    "never this", "not at all", "nor", "uh-uh", "seldom", "doesnt seem",
]
BOOSTERS = [
    "", "", "", "very", "extremely", "kind of", "sort of", "slightly", "barely", "really",
    "so", "totally", "just enough", "kinda", "VERY", "EXTREMELY", "somewhat", "utterly",
    "less", "most", "incredibly", "hella", "fricking", "Really", "partly", "almost",
    "very very", "so so", "quite", "REALLY", "Kind Of", "sorta", "uber", "highly",
]
ADJECTIVES = [
    "good", "great", "bad", "terrible", "amazing", "awful", "helpful", "useless", "ok",
    "fine", "horrible", "excellent", "disappointing", "lovely", "slow", "fast", "broken",
    "perfect", "sad", "happy", "funny", "boring", "GOOD", "BAD", "Great", "meh", "AWESOME",
    "wonderful", "worst", "best", "annoying", "reliable", "unacceptable", "cool", "sucks",
    "fantastic", "stupid", "kind", "free", "safe", "crap", "nice", "NICE", "dead", "yummy",
]
ENDINGS = [
    "", "", ".", ".", "!", "!!", "!!!", "!!!!!", "?", "??", "???", "????", "?!?!", "....",
    " :)", " :(", " :D", " ;)", " :-(", " <3", " \U0001F600", " \U0001F621", " \U0001F494",
    " \U0001F602\U0001F602", " \U0001F64F", " lol", " smh", " #fail", " #love", " :/",
    " xD", " =)", " :'(", " \u2764\ufe0f", " \U0001F44D\U0001F3FD", " wtf", " haha",
]
SECOND_CLAUSES = [
    "the staff were rude", "the price is fair", "I still love it", "it crashed twice",
    "nobody answered", "the result was great", "it works", "the wait was too long",
    "they fixed it fast", "I am not happy", "it is NOT good", "we are grateful",
    "it could be better", "thanks anyway", "that is fine", "the app is a mess",
]
IDIOMS = [
    "That offer is the kiss of death for small shops", "This cake is to die for",
    "The new feature is the shit", "Their concert was the bomb", "What a bad ass move",
    "Yeah right, great service", "yeah right", "That bus stop is dirty",
    "Our volunteers cut the mustard", "The fund is in the red", "Break a leg tonight",
    "a beating heart of the city", "the kiss of death", "it was to die for",
    "He is on the ball", "That is a back handed compliment", "They keep blowing smoke",
    "The account is in the black", "I am under the weather", "We have the upper hand",
]
LEAST_CASES = [
    "At least it isn't a horrible book", "This is the least helpful reply",
    "at the very least it was good", "Least favourite update ever", "at least good",
    "very least good", "the least bad option", "not the least bit funny",
    "Roger Dodger is one of the least compelling variations on this theme",
    "Roger Dodger is at least compelling as a variation on the theme",
    "least", "the least", "LEAST GOOD",
]
NEVER_WITHOUT = [
    "It has never been so good", "Never so happy", "never this bad", "It was never this fun",
    "Without a doubt, excellent idea", "without doubt the best", "Without doubt great",
    "never so very good", "I have never been this happy", "without a doubt a disaster",
    "never been good", "It never gets good", "so good", "this good", "not so good",
    "no doubt great", "never so bad", "Never This Great",
]
NO_CASES = [
    "no problem", "No good", "no no no", "Not bad at all", "no love or hate", "no joy nor hope",
    "no", "No way this is good", "no good no bad", "NO GOOD", "no, thanks", "no fun at all",
    "no help or support", "no or nor good", "yes no maybe", "No doubt", "no doubt", "NO",
    "no good or bad", "Nothing good here",
]
KIND_OF = [
    "what kind of service is this", "It was kind of good", "kind of", "kind", "kind of kind",
    "This is kind of bad", "KIND OF great", "a kind of miracle", "she is kind",
    "sort of great", "sort of", "it was just enough good", "just enough",
]
SOCIAL = [
    "@zakatfund thanks for the quick help!! #grateful", "RT @user: this is terrible service",
    "https://t.co/abc123 worst update ever", "loving it!!! http://example.org/a?b=1 #win",
    "@support why is nothing working??? #fail", "#blessed #happy so thankful \U0001F64F",
    "@cs_team u guys r awesome", "omg lol this is sooo good", "ugh... not again :(",
    "THANK YOU @zakatfund!!!", "who cares tbh", "meh. whatever.", "@a @b @c love you all <3",
    "Check https://x.com/foo #Giveaway FREE stuff!!!", "lmao that's the best",
    "FYI the app is down again", "can't wait!!!", "idk, kinda meh?", "wow. just wow.",
    "this made my day \U0001F60D\U0001F60D\U0001F60D", "#SaveTheDate", "@bank fix your app!!",
]
EDGE_CASES = [
    "", " ", "!!!", "???", ":)", ":(", ":-)", "<3", "\U0001F600", "\U0001F621\U0001F621",
    "\U0001F44D", "good", "GOOD", "Good", "GOOD GOOD", "GOOD good", "good!!!!", "good?",
    "CAF\u00c9 IS GREAT but the food", "\u00c7A VA great", "ok \u00c9T\u00c9 GOOD",
    "\u03a3\u0391\u03a3 good", "\u24b6\u24b7 great", "\u01c5 GREAT", "\u212aISS of death",
    "\u0130STANBUL IS AMAZING", "good\u00a0bad", "good\u2003and\u3000great", "nice\x1cday",
    "nice\x85day", "great\u200bday", "'good'", "\"great\"", "(bad)", "--good--", "..bad..",
    "good...bad", "x", "ab!", "b:", "d:", ":-p", "lol lol LOL", "sux", "SUX", "Today SUX!",
    "Today only kinda sux! But I'll get by, lol", "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as \U0001F498 and \U0001F48B and \U0001F601",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "but", "BUT", "but but good", "good but", "good, but bad", "bad BUT good", "good but. bad",
    "not good but not bad", "the best but the worst but fine", "it's good but it's good",
    "great great but great great", "bad bad bad but good good",
    "\U0001F600good", "good\U0001F600", "a\U0001F600b", "\U0001F600 \U0001F600",
    "smile\u263a", "\u2639 frown", "\u2764", "\u2b50\u2b50\u2b50\u2b50\u2b50 five stars",
    # "but" locates each value by equality: "fantastic" (2.6) halved equals "cool" (1.3).
    "fantastic but cool", "It was fantastic but cool", "fantastic, but cool and cool",
    "so kind but ok", "cool fantastic but cool!", "Kind people but OK service",
    # A title-case letter makes a token not ALL CAPS.
    "\u01c5X GREAT", "\u01c5GOOD GREAT", "\u01c8 is GOOD",
]


def clause(rng):
    negator = rng.choice(NEGATORS)
    booster = rng.choice(BOOSTERS)
    adjective = rng.choice(ADJECTIVES)
    words = [rng.choice(SUBJECTS), rng.choice(VERBS), negator, booster, adjective]
    return " ".join(w for w in words if w)


def shout(text, rng):
    """Upper-cases all, or some, of the words: VADER's ALL CAPS rule needs a mix."""
    words = text.split(" ")
    mode = rng.randrange(3)
    if mode == 0:
        return text.upper()
    return " ".join(w.upper() if rng.random() < 0.4 else w for w in words)


def sentences():
    rng = random.Random(20261123)
    out = []
    # Every negator with every booster on a few adjectives: the distance rules.
    for negator, booster in itertools.product(NEGATORS, BOOSTERS):
        adjective = rng.choice(ADJECTIVES)
        out.append(" ".join(w for w in ["It is", negator, booster, adjective] if w) + rng.choice(ENDINGS))
    # Booster placement at distances 1, 2 and 3, with and without an intervening word.
    for booster, adjective in itertools.product(BOOSTERS[3:], ADJECTIVES[:12]):
        filler = rng.choice(["", "a", "a very", "the most", "such a", "kind of a"])
        out.append(" ".join(w for w in [booster, filler, adjective, "day"] if w))
    # Random clauses with endings, some shouted, some joined with "but".
    for _ in range(1800):
        text = clause(rng) + rng.choice(ENDINGS)
        if rng.random() < 0.25:
            text = shout(text, rng)
        out.append(text)
    for _ in range(1200):
        first = clause(rng)
        second = rng.choice(SECOND_CLAUSES)
        joiner = rng.choice([" but ", ", but ", " BUT ", " But ", ", and ", " but not ", ". But "])
        text = first + joiner + second + rng.choice(ENDINGS)
        if rng.random() < 0.2:
            text = shout(text, rng)
        out.append(text)
    # Fixed families, each also with a random ending and a shouted variant.
    for family in [IDIOMS, LEAST_CASES, NEVER_WITHOUT, NO_CASES, KIND_OF, SOCIAL]:
        for text in family:
            out.append(text)
            out.append(text + rng.choice(ENDINGS))
            out.append(shout(text, rng))
            out.append(rng.choice(NEGATORS + ["very", "really"]) + " " + text)
    out.extend(EDGE_CASES)
    # Emoji and emoticons in running text, with and without spaces around them.
    emoji = [e.strip() for e in ENDINGS if e.strip() and not e.strip().isascii()]
    emoticons = [e.strip() for e in ENDINGS if e.strip() and e.strip().isascii()]
    for _ in range(500):
        token = rng.choice(emoji + emoticons)
        glue = rng.choice([" ", "", "  "])
        out.append(clause(rng) + glue + token + glue + rng.choice(SECOND_CLAUSES))
    # Longer posts: several clauses and social-media tokens.
    for _ in range(600):
        parts = [clause(rng) + rng.choice(ENDINGS) for _ in range(rng.randrange(2, 4))]
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(SOCIAL))
        out.append(" ".join(parts))
    seen = set()
    unique = []
    for text in out:
        if text not in seen:
            seen.add(text)
            unique.append(text)
    return unique


def main():
    installed = metadata.version("vaderSentiment")
    if installed != "3.3.2":
        sys.exit(f"vaderSentiment {installed} is installed; the oracle is defined by 3.3.2")
    analyzer = SentimentIntensityAnalyzer()
    texts = sentences()
    lines = []
    for text in texts:
        if "\t" in text or "\n" in text or "\r" in text:
            sys.exit(f"a generated text contains a tab or line break: {text!r}")
        scores = analyzer.polarity_scores(text)
        values = [repr(scores[key]) for key in ("neg", "neu", "pos", "compound")]
        lines.append("\t".join([text, *values]))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} sentences to {OUTPUT}")


if __name__ == "__main__":
    main()
