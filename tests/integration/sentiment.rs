//! Sentiment: English parity with vaderSentiment 3.3.2 on the committed oracle, and the
//! `tolok sentiment` command.

use crate::util::TestDir;
use std::process::Output;
use tolok::sentiment::indonesian::IndonesianPack;
use tolok::sentiment::vader::Vader;

const ORACLE: &str = include_str!("../fixtures/sentiment/vader_oracle.tsv");

/// One oracle line: the text and VADER 3.3.2's neg, neu, pos and compound.
fn oracle_rows() -> Vec<(String, [f64; 4])> {
    ORACLE
        .split('\n')
        .filter(|line| !line.is_empty())
        .enumerate()
        .map(|(index, line)| {
            let mut fields = line.rsplitn(5, '\t');
            let mut value = || -> f64 {
                let field = fields
                    .next()
                    .unwrap_or_else(|| panic!("oracle line {}: too few fields", index + 1));
                field
                    .parse()
                    .unwrap_or_else(|_| panic!("oracle line {}: bad number {field:?}", index + 1))
            };
            let (compound, pos, neu, neg) = (value(), value(), value(), value());
            let text = fields.next().expect("the text field").to_string();
            (text, [neg, neu, pos, compound])
        })
        .collect()
}

#[test]
fn english_scores_equal_vader_3_3_2_on_every_oracle_sentence() {
    let rows = oracle_rows();
    assert!(
        rows.len() >= 5000,
        "the oracle has only {} sentences",
        rows.len()
    );
    let vader = Vader::builtin();
    let mut mismatches = Vec::new();
    for (line, (text, [neg, neu, pos, compound])) in rows.iter().enumerate() {
        let ours = vader.polarity(text);
        let same = format!("{:.4}", ours.compound + 0.0) == format!("{:.4}", compound + 0.0)
            && format!("{:.3}", ours.neg) == format!("{neg:.3}")
            && format!("{:.3}", ours.neu) == format!("{neu:.3}")
            && format!("{:.3}", ours.pos) == format!("{pos:.3}");
        if !same {
            mismatches.push(format!(
                "line {}: {text:?}\n  vader: neg {neg} neu {neu} pos {pos} compound {compound}\n  tolok: neg {} neu {} pos {} compound {}",
                line + 1,
                ours.neg,
                ours.neu,
                ours.pos,
                ours.compound
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} oracle sentences differ; the first ones:\n{}",
        mismatches.len(),
        rows.len(),
        mismatches
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// VADER's compound for `text`, from the oracle (so the CLI is checked against Python, not
/// against our own scorer).
fn oracle_compound(text: &str) -> f64 {
    oracle_rows()
        .into_iter()
        .find(|(oracle_text, _)| oracle_text == text)
        .unwrap_or_else(|| panic!("{text:?} is not in the oracle"))
        .1[3]
}

fn expected_line(score: f64) -> String {
    let label = if score >= 0.05 {
        "positive"
    } else if score <= -0.05 {
        "negative"
    } else {
        "neutral"
    };
    format!("{:.4}\t{label}", score + 0.0)
}

/// Runs `tolok sentiment <args>` with `input` on stdin.
fn sentiment_with_stdin(dir: &TestDir, args: &[&str], input: &[u8]) -> Output {
    dir.tolok()
        .arg("sentiment")
        .args(args)
        .write_stdin(input)
        .output()
        .expect("tolok runs")
}

fn stdout_lines(out: &Output) -> Vec<String> {
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn english_lines_from_stdin_print_vader_compound_and_label_in_order() {
    let texts = [
        "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
        "Catch utf-8 emoji such as \u{1F498} and \u{1F48B} and \u{1F601}",
        "",
        "Today SUX!",
        "\u{1F621}\u{1F621}",
    ];
    let input = texts.join("\n") + "\n";
    let out = sentiment_with_stdin(&TestDir::empty(), &["--lang", "en"], input.as_bytes());
    let expected: Vec<String> = texts
        .iter()
        .map(|text| expected_line(oracle_compound(text)))
        .collect();
    assert_eq!(stdout_lines(&out), expected);
    // The three kinds of verdict all occur, so the labels are really exercised.
    for label in ["positive", "negative", "neutral"] {
        assert!(
            expected.iter().any(|line| line.ends_with(label)),
            "{expected:?}"
        );
    }
}

#[test]
fn a_file_with_crlf_lines_is_read_like_stdin_and_threads_do_not_change_the_output() {
    let dir = TestDir::empty();
    let rows = oracle_rows();
    let texts: Vec<&str> = rows
        .iter()
        .map(|(text, _)| text.as_str())
        .filter(|text| !text.contains('\r'))
        .take(1500)
        .collect();
    std::fs::write(dir.path().join("texts.txt"), texts.join("\r\n") + "\r\n").unwrap();
    let expected: Vec<String> = texts
        .iter()
        .map(|text| expected_line(oracle_compound(text)))
        .collect();
    let mut outputs = Vec::new();
    for threads in ["1", "4"] {
        let out = dir
            .tolok()
            .args([
                "--threads",
                threads,
                "sentiment",
                "--lang",
                "en",
                "texts.txt",
            ])
            .output()
            .unwrap();
        let lines = stdout_lines(&out);
        assert_eq!(lines.len(), texts.len());
        for ((line, want), text) in lines.iter().zip(&expected).zip(&texts) {
            assert_eq!(line, want, "for {text:?}");
        }
        outputs.push(out.stdout);
    }
    assert_eq!(
        outputs[0], outputs[1],
        "output differs between 1 and 4 threads"
    );
}

#[test]
fn indonesian_lines_use_the_indonesian_pack_and_auto_tells_the_languages_apart() {
    let dir = TestDir::empty();
    let indonesian = "Pelayanannya sangat buruk, saya kecewa sekali";
    let english = "The volunteers were very helpful, thank you!";
    let pack = IndonesianPack::builtin();
    let input = format!("{indonesian}\n{english}\n");

    let forced = stdout_lines(&sentiment_with_stdin(
        &dir,
        &["--lang", "id"],
        input.as_bytes(),
    ));
    assert_eq!(
        forced,
        vec![
            expected_line(pack.score(indonesian)),
            expected_line(pack.score(english))
        ]
    );
    assert!(forced[0].ends_with("negative"), "{forced:?}");

    let auto = stdout_lines(&sentiment_with_stdin(&dir, &[], input.as_bytes()));
    let vader = Vader::builtin().polarity(english).compound;
    assert_eq!(
        auto,
        vec![expected_line(pack.score(indonesian)), expected_line(vader)]
    );
}

#[test]
fn a_user_lexicon_replaces_the_indonesian_one() {
    let dir = TestDir::empty();
    // The InSet layout: header, CRLF, integer weights; "mantul" is not a built-in word.
    std::fs::write(
        dir.path().join("lexicon.tsv"),
        "word\tweight\r\nmantul\t4\r\nzonk\t-4\r\n",
    )
    .unwrap();
    let input = "acaranya mantul\nhadiahnya zonk\n";
    let builtin = stdout_lines(&sentiment_with_stdin(
        &dir,
        &["--lang", "id"],
        input.as_bytes(),
    ));
    let user = stdout_lines(&sentiment_with_stdin(
        &dir,
        &["--lang", "id", "--lexicon", "lexicon.tsv"],
        input.as_bytes(),
    ));
    let pack = IndonesianPack::with_lexicon_file(&dir.path().join("lexicon.tsv")).unwrap();
    assert_eq!(
        user,
        vec![
            expected_line(pack.score("acaranya mantul")),
            expected_line(pack.score("hadiahnya zonk"))
        ]
    );
    assert!(
        user[0].ends_with("positive") && user[1].ends_with("negative"),
        "{user:?}"
    );
    assert_ne!(builtin, user, "the lexicon file made no difference");
}

#[test]
fn evaluate_prints_accuracy_and_the_confusion_matrix_of_a_labelled_csv() {
    let dir = TestDir::empty();
    // NusaX's layout (`id,text,label`, quoted text); two of three right.
    std::fs::write(
        dir.path().join("labelled.csv"),
        "id,text,label\n1,\"I love it, great work\",positive\n2,I hate this,negative\n\
         3,the table,positive\n",
    )
    .unwrap();
    let out = dir
        .tolok()
        .args(["sentiment", "--lang", "en", "--evaluate", "labelled.csv"])
        .output()
        .unwrap();
    let text = stdout_lines(&out).join("\n");
    assert!(text.contains("accuracy:     0.6667"), "{text}");
    assert!(text.contains("confusion matrix"), "{text}");
}

#[test]
fn bad_options_and_inputs_fail_with_the_reason() {
    let dir = TestDir::empty();
    std::fs::write(dir.path().join("lexicon.tsv"), "bagus\t3\n").unwrap();
    let cases: [(&[&str], &[u8], i32, &str); 5] = [
        (
            &["--lang", "fr"],
            b"good\n",
            2,
            "possible values: id, en, auto",
        ),
        (
            &["--lang", "en", "--lexicon", "lexicon.tsv"],
            b"good\n",
            2,
            "--lexicon replaces the Indonesian lexicon",
        ),
        (&["--lexicon", "missing.tsv"], b"good\n", 2, "missing.tsv"),
        (&["missing.txt"], b"", 1, "missing.txt"),
        (&[], b"good\n\xff bad\n", 1, "line 2: not UTF-8"),
    ];
    for (args, input, code, reason) in cases {
        let out = sentiment_with_stdin(&dir, args, input);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(reason), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed scores");
    }
}
