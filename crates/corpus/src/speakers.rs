//! The people of a corpus: every speaker of every file, merged into one row per person when
//! their names are equal ignoring case, white space and titles, when one is a surname alone
//! and the same article names the person in full, or when `marginalia-corpus.ron` says so.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::Corpus;
use marginalia_core::names::{person_key, surname};

/// One person across the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The name shown: the one chosen in `marginalia-corpus.ron`, else the fullest spelling.
    pub name: String,
    /// Every other spelling found in files or given as an alias.
    pub aliases: Vec<String>,
    /// How many articles quote them.
    pub articles: usize,
    /// Their quotations per label id, each once however many annotators marked it, among
    /// those every annotator who marked it gave one label.
    pub per_label: BTreeMap<String, usize>,
    /// Their quotations that annotators labelled differently (counted once each).
    pub labelled_differently: usize,
    /// Their record: quotations rated, per rating name, each once however many annotators
    /// rated it, among those every annotator who rated it gave one rating.
    pub per_rating: BTreeMap<String, usize>,
    /// Their quotations that annotators rated differently (counted once each).
    pub rated_differently: usize,
    /// Everything they said, in corpus order.
    #[serde(skip)]
    pub quotes: Vec<Quote>,
}

/// One thing a person said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The article's title.
    pub title: String,
    /// The article's SHA-256.
    pub sha256: String,
    /// The label's name, or the names annotators gave it, " / " between, when they differ.
    pub label: String,
    /// Start, in code points.
    pub start: usize,
    /// End, in code points.
    pub end: usize,
    /// The words.
    pub text: String,
    /// Who marked it, comma-separated; each with the label they gave when labels differ
    /// ("Ana Ruiz (Denial), Ben Okafor (Reaction)").
    pub annotators: String,
    /// The rating it was given, or the ratings annotators gave it, " / " between, when they
    /// differ; empty when nobody rated it.
    pub verdict: String,
}

/// Joins keys into people.
struct Sets {
    parent: Vec<usize>,
    index: HashMap<String, usize>,
}

impl Sets {
    fn id(&mut self, key: &str) -> usize {
        if let Some(&id) = self.index.get(key) {
            return id;
        }
        let id = self.parent.len();
        self.parent.push(id);
        self.index.insert(key.to_owned(), id);
        id
    }

    fn root(&mut self, mut id: usize) -> usize {
        while self.parent[id] != id {
            self.parent[id] = self.parent[self.parent[id]];
            id = self.parent[id];
        }
        id
    }

    fn join(&mut self, a: &str, b: &str) {
        let (a, b) = (self.id(a), self.id(b));
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

/// Spellings of each name key, with how often each is used (`usize::MAX` marks a name chosen
/// by hand).
type Spellings = BTreeMap<String, BTreeMap<String, usize>>;

/// One span a person said in one article: start, end, person.
type SpanKey = (usize, usize, usize);

/// Who marked a span, with the label id and name they gave it.
type Mark = (String, String, String, Option<String>);

/// Every person of the corpus, most quoted first.
pub fn people(corpus: &Corpus) -> Vec<Person> {
    let (mut sets, spellings) = join_names(corpus);
    let mut people = name_people(&mut sets, spellings);
    count_quotes(corpus, &mut sets, &mut people);
    // Only people quoted somewhere (a name given by hand that no file uses is left out).
    let mut people: Vec<Person> = people
        .into_values()
        .filter(|p| !p.quotes.is_empty())
        .collect();
    people.sort_by(|a, b| {
        let total = |p: &Person| p.per_label.values().sum::<usize>() + p.labelled_differently;
        total(b)
            .cmp(&total(a))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    people
}

/// Which name keys are one person, and every spelling of each key.
fn join_names(corpus: &Corpus) -> (Sets, Spellings) {
    let mut sets = Sets {
        parent: Vec::new(),
        index: HashMap::new(),
    };
    let mut spellings = Spellings::new();
    for article in &corpus.articles {
        let keys: BTreeSet<String> = article
            .files
            .iter()
            .flat_map(|f| f.doc.speakers())
            .map(|s| person_key(&s.name))
            .filter(|k| !k.is_empty())
            .collect();
        for key in &keys {
            sets.id(key);
        }
        // A surname alone is the one full name in this article that ends with it.
        for key in keys.iter().filter(|k| !k.contains(' ')) {
            let mut full = keys.iter().filter(|k| surname(k) == Some(key.as_str()));
            if let (Some(only), None) = (full.next(), full.next()) {
                sets.join(key, only);
            }
        }
        for speaker in article.files.iter().flat_map(|f| f.doc.speakers()) {
            let key = person_key(&speaker.name);
            if !key.is_empty() {
                *spellings
                    .entry(key)
                    .or_default()
                    .entry(speaker.name.trim().to_owned())
                    .or_insert(0) += 1;
            }
        }
    }
    for person in &corpus.config.speakers {
        let key = person_key(&person.name);
        for alias in &person.aliases {
            sets.join(&key, &person_key(alias));
            spellings
                .entry(person_key(alias))
                .or_default()
                .entry(alias.trim().to_owned())
                .or_insert(0);
        }
        spellings
            .entry(key)
            .or_default()
            .insert(person.name.trim().to_owned(), usize::MAX);
    }
    (sets, spellings)
}

/// One person per set of keys, named by the fullest spelling or the name chosen by hand.
fn name_people(sets: &mut Sets, spellings: Spellings) -> BTreeMap<usize, Person> {
    let mut names: BTreeMap<usize, Vec<(String, usize)>> = BTreeMap::new();
    for (key, forms) in spellings {
        let id = sets.id(&key);
        let root = sets.root(id);
        names.entry(root).or_default().extend(forms);
    }
    let mut people = BTreeMap::new();
    for (root, mut forms) in names {
        // The name chosen by hand, else the fullest name (titles aside) with the fewest
        // titles, then the most used spelling.
        let words = |name: &str| person_key(name).split(' ').count();
        let raw = |name: &str| name.split_whitespace().count();
        forms.sort_by(|(a, an), (b, bn)| {
            (*bn == usize::MAX)
                .cmp(&(*an == usize::MAX))
                .then(words(b).cmp(&words(a)))
                .then(raw(a).cmp(&raw(b)))
                .then(bn.cmp(an))
                .then(a.cmp(b))
        });
        let name = forms.first().map(|(n, _)| n.clone()).unwrap_or_default();
        let mut aliases: Vec<String> = forms
            .into_iter()
            .map(|(n, _)| n)
            .filter(|n| *n != name)
            .collect();
        aliases.sort();
        aliases.dedup();
        people.insert(
            root,
            Person {
                name,
                aliases,
                articles: 0,
                per_label: BTreeMap::new(),
                per_rating: BTreeMap::new(),
                rated_differently: 0,
                labelled_differently: 0,
                quotes: Vec::new(),
            },
        );
    }
    people
}

/// Each person's quotes and counts: each span once per article, whoever marked it and with
/// whatever label.
fn count_quotes(corpus: &Corpus, sets: &mut Sets, people: &mut BTreeMap<usize, Person>) {
    for article in &corpus.articles {
        let mut spans: BTreeMap<SpanKey, Vec<Mark>> = BTreeMap::new();
        for file in &article.files {
            let doc = &file.doc;
            for ann in doc.annotations() {
                let Some(speaker) = doc.speaker_of(ann) else {
                    continue;
                };
                let key = person_key(&speaker.name);
                let Some(&id) = sets.index.get(&key) else {
                    continue;
                };
                let root = sets.root(id);
                spans.entry((ann.start, ann.end, root)).or_default().push((
                    file.annotator().to_owned(),
                    ann.label.clone(),
                    doc.label_name(ann).to_owned(),
                    doc.rating_of(ann).map(|r| r.name.clone()),
                ));
            }
        }
        let mut quoted = BTreeSet::new();
        for ((start, end, root), marks) in spans {
            let Some(person) = people.get_mut(&root) else {
                continue;
            };
            quoted.insert(root);
            let mut names: Vec<&str> = Vec::new();
            let mut ratings: Vec<&str> = Vec::new();
            for (_, _, name, rating) in &marks {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
                if let Some(rating) = rating
                    && !ratings.contains(&rating.as_str())
                {
                    ratings.push(rating);
                }
            }
            match ratings.as_slice() {
                [] => {}
                [one] => *person.per_rating.entry((*one).to_owned()).or_insert(0) += 1,
                _ => person.rated_differently += 1,
            }
            let agreed = marks.iter().all(|(_, id, _, _)| *id == marks[0].1);
            let annotators: Vec<String> = if agreed {
                if let Some((_, id, _, _)) = marks.first() {
                    *person.per_label.entry(id.clone()).or_insert(0) += 1;
                }
                marks.iter().map(|(who, _, _, _)| who.clone()).collect()
            } else {
                person.labelled_differently += 1;
                marks
                    .iter()
                    .map(|(who, _, name, _)| format!("{who} ({name})"))
                    .collect()
            };
            let text = article
                .files
                .first()
                .and_then(|f| f.doc.article.slice_chars(start, end))
                .unwrap_or_default()
                .to_owned();
            person.quotes.push(Quote {
                title: article.title.clone(),
                sha256: article.sha256.clone(),
                label: names.join(" / "),
                start,
                end,
                text,
                annotators: annotators.join(", "),
                verdict: ratings.join(" / "),
            });
        }
        for root in quoted {
            if let Some(person) = people.get_mut(&root) {
                person.articles += 1;
            }
        }
    }
}

/// "claim 2, denial 1, labelled differently 1": a person's quotations by label.
pub fn person_counts(person: &Person) -> String {
    let mut counts: Vec<String> = person
        .per_label
        .iter()
        .map(|(label, n)| format!("{label} {n}"))
        .collect();
    if person.labelled_differently > 0 {
        counts.push(format!(
            "labelled differently {}",
            person.labelled_differently
        ));
    }
    counts.join(", ")
}

/// "rated False 2, Mostly true 1, rated differently 1": a person's record of verdicts; empty
/// when nothing they said was rated.
pub fn person_record(person: &Person) -> String {
    let mut counts: Vec<String> = person
        .per_rating
        .iter()
        .map(|(rating, n)| format!("{rating} {n}"))
        .collect();
    if person.rated_differently > 0 {
        counts.push(format!("rated differently {}", person.rated_differently));
    }
    if counts.is_empty() {
        String::new()
    } else {
        format!("rated {}", counts.join(", "))
    }
}

/// The person `name` names (by their name or any alias, as names are compared).
pub fn find<'a>(people: &'a [Person], name: &str) -> Option<&'a Person> {
    let key = person_key(name);
    people.iter().find(|p| {
        person_key(&p.name) == key || p.aliases.iter().any(|alias| person_key(alias) == key)
    })
}

/// Everything `person` said, as Markdown: a heading, then a block quote per span.
pub fn quotes_markdown(person: &Person) -> String {
    use std::fmt::Write as _;
    let mut out = format!(
        "# {}\n",
        marginalia_io::export::markdown_escape(&person.name)
    );
    let mut title = "";
    for quote in &person.quotes {
        if quote.title != title {
            title = &quote.title;
            let _ = write!(
                out,
                "\n## {}\n",
                marginalia_io::export::markdown_escape(title)
            );
        }
        let _ = write!(
            out,
            "\n> {}\n\n{} · characters {}–{} · marked by {}",
            marginalia_io::export::markdown_escape(&quote.text),
            marginalia_io::export::markdown_escape(&quote.label),
            quote.start,
            quote.end,
            marginalia_io::export::markdown_escape(&quote.annotators)
        );
        if !quote.verdict.is_empty() {
            let _ = write!(
                out,
                " · verdict {}",
                marginalia_io::export::markdown_escape(&quote.verdict)
            );
        }
        out.push('\n');
    }
    out
}

/// Everything `person` said, as CSV with a header row.
pub fn quotes_csv(person: &Person) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "speaker",
        "title",
        "sha256",
        "label",
        "start",
        "end",
        "text",
        "annotators",
        "verdict",
    ])?;
    for q in &person.quotes {
        writer.write_record([
            person.name.as_str(),
            &q.title,
            &q.sha256,
            &q.label,
            &q.start.to_string(),
            &q.end.to_string(),
            &q.text,
            &q.annotators,
            &q.verdict,
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
