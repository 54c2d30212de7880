"""Times the Python vaderSentiment package (3.3.2) on the texts in a file, one per line,
and prints `python_vader <texts> <seconds>` (best of --runs). Used by bench/sentiment.sh,
which times `tolok sentiment` on the same file in the same run."""

import argparse
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("texts")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with open(args.texts, encoding="utf-8") as f:
        texts = f.read().split("\n")
    if texts and texts[-1] == "":
        texts.pop()
    analyzer = SentimentIntensityAnalyzer()
    best = None
    for _ in range(args.runs):
        start = time.perf_counter()
        for text in texts:
            analyzer.polarity_scores(text)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"python_vader {len(texts)} {best:.6f}")


if __name__ == "__main__":
    main()
