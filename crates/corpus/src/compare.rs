//! Agreement across a corpus: for every two annotators who share an article, each article
//! compared as `compare` compares two files, the counts pooled, and Krippendorff's unitizing
//! alpha over the shared articles laid end to end.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Corpus, CorpusArticle};
use marginalia_core::Document;
use marginalia_core::ordinal;
use marginalia_core::review::{PairKind, Review, VerdictAgreement};
use marginalia_core::unitizing::UnitizingStudy;

/// The figures of one article for a pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleAgreement {
    /// The article's SHA-256.
    pub sha256: String,
    /// Its title.
    pub title: String,
    /// Exact F1 as `compare` defines it; `None` when neither marked anything.
    pub exact_f1: Option<f64>,
    /// Overlap F1.
    pub overlap_f1: Option<f64>,
    /// The mean over labels of Cohen's kappa over characters.
    pub kappa_mean: Option<f64>,
    /// Exact pairs minus all differences: how much they disagree, for sorting.
    #[serde(skip)]
    pub differences: usize,
}

/// Krippendorff's αU of a pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlphaU {
    /// Per label id.
    pub per_label: BTreeMap<String, f64>,
    /// The mean of the per-label figures.
    pub mean: Option<f64>,
    /// Over all labels at once: 1 − mean `D_O` / mean `D_E` (DKPro Agreement's overall figure).
    pub all: Option<f64>,
}

/// Agreement on verdicts across the articles two annotators share: the pairs both rated,
/// pooled, their ratings ranked on `a`'s scale.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct VerdictFigures {
    /// Pairs both rated.
    pub rated: usize,
    /// Of those, pairs given the same rating.
    pub same_rating: usize,
    /// Pairs both rated on the scale: the items of the ordinal figures.
    pub on_scale: usize,
    /// Cohen's kappa with quadratic weights over the pooled pairs.
    pub weighted_kappa: Option<f64>,
    /// Krippendorff's alpha with the ordinal metric over the pooled pairs.
    pub alpha_ordinal: Option<f64>,
}

impl VerdictFigures {
    /// The figures of every article's verdict agreement, pooled.
    fn pooled(articles: &[VerdictAgreement]) -> Self {
        let ranks: Vec<(usize, usize)> = articles.iter().flat_map(|v| v.ranks.clone()).collect();
        let categories = articles.iter().map(|v| v.categories).max().unwrap_or(0);
        Self {
            rated: articles.iter().map(|v| v.rated).sum(),
            same_rating: articles.iter().map(|v| v.same_rating).sum(),
            on_scale: ranks.len(),
            weighted_kappa: ordinal::weighted_kappa(&ranks, categories),
            alpha_ordinal: ordinal::alpha_ordinal(&ranks, categories),
        }
    }
}

/// Two annotators over the articles they share.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairAgreement {
    /// One annotator.
    pub a: String,
    /// The other.
    pub b: String,
    /// Articles both annotated.
    pub articles: usize,
    /// Exact pairs, summed.
    pub exact: usize,
    /// Boundary differences, summed.
    pub boundary: usize,
    /// Label conflicts, summed.
    pub label_conflicts: usize,
    /// Only `a`'s, summed.
    pub only_a: usize,
    /// Only `b`'s, summed.
    pub only_b: usize,
    /// 2·Σexact / Σ(|a| + |b|).
    pub exact_f1: Option<f64>,
    /// 2·(Σexact + Σboundary) / Σ(|a| + |b|).
    pub overlap_f1: Option<f64>,
    /// Mean of the articles' kappa means, articles without one skipped.
    pub kappa_mean: Option<f64>,
    /// Krippendorff's unitizing alpha.
    pub alpha_u: AlphaU,
    /// Agreement on the verdicts of the claims both marked.
    pub verdicts: VerdictFigures,
    /// Each shared article.
    pub per_article: Vec<ArticleAgreement>,
}

/// Every pair of annotators who share at least one article, by name.
pub fn pairs(corpus: &Corpus) -> Vec<PairAgreement> {
    let annotators = corpus.annotators();
    let mut out = Vec::new();
    for (i, a) in annotators.iter().enumerate() {
        for b in &annotators[i + 1..] {
            if let Some(pair) = pair(corpus, a, b) {
                out.push(pair);
            }
        }
    }
    out
}

/// `a` and `b` over the articles both annotated; `None` when they share none.
pub fn pair(corpus: &Corpus, a: &str, b: &str) -> Option<PairAgreement> {
    let shared: Vec<(&CorpusArticle, &Document, &Document)> = corpus
        .articles
        .iter()
        .filter_map(|article| {
            let mine = article.file_of(a)?;
            let theirs = article.file_of(b)?;
            Some((article, &*mine.doc, &*theirs.doc))
        })
        .collect();
    if shared.is_empty() {
        return None;
    }
    let total_len: usize = shared.iter().map(|(_, d, _)| d.article.len_chars()).sum();
    let mut study = UnitizingStudy::new(2, 0, total_len as u64);
    let mut offset = 0u64;
    let (mut exact, mut boundary, mut conflicts, mut only_a, mut only_b, mut sizes) =
        (0, 0, 0, 0, 0, 0);
    let mut kappas = Vec::new();
    let mut per_article = Vec::new();
    let mut verdicts = Vec::new();
    for (article, mine, theirs) in &shared {
        let review = Review::new(mine, theirs);
        let pairing = &review.pairing;
        let e = pairing.of_kind(PairKind::Exact).count();
        let bd = pairing.of_kind(PairKind::Boundary).count();
        let lc = pairing.of_kind(PairKind::LabelConflict).count();
        exact += e;
        boundary += bd;
        conflicts += lc;
        only_a += pairing.only_mine.len();
        only_b += pairing.only_theirs.len();
        sizes += mine.annotations().len() + theirs.annotations().len();
        if let Some(kappa) = review.agreement.kappa_mean {
            kappas.push(kappa);
        }
        verdicts.push(review.agreement.verdicts.clone());
        per_article.push(ArticleAgreement {
            sha256: article.sha256.clone(),
            title: article.title.clone(),
            exact_f1: review.agreement.exact_f1,
            overlap_f1: review.agreement.overlap_f1,
            kappa_mean: review.agreement.kappa_mean,
            differences: bd + lc + pairing.only_mine.len() + pairing.only_theirs.len(),
        });
        for (rater, doc) in [(0, mine), (1, theirs)] {
            for ann in doc.annotations() {
                study.add(
                    offset + ann.start as u64,
                    (ann.end - ann.start) as u64,
                    rater,
                    &ann.label,
                );
            }
        }
        offset += mine.article.len_chars() as u64;
    }
    let ratio = |n: usize| (sizes > 0).then(|| 2.0 * n as f64 / sizes as f64);
    let per_label: BTreeMap<String, f64> = study
        .categories()
        .into_iter()
        .map(|label| (label.to_owned(), study.category_alpha(label)))
        .collect();
    let mean =
        (!per_label.is_empty()).then(|| per_label.values().sum::<f64>() / per_label.len() as f64);
    Some(PairAgreement {
        a: a.to_owned(),
        b: b.to_owned(),
        articles: shared.len(),
        exact,
        boundary,
        label_conflicts: conflicts,
        only_a,
        only_b,
        exact_f1: ratio(exact),
        overlap_f1: ratio(exact + boundary),
        kappa_mean: (!kappas.is_empty()).then(|| kappas.iter().sum::<f64>() / kappas.len() as f64),
        alpha_u: AlphaU {
            per_label,
            mean,
            all: study.alpha(),
        },
        verdicts: VerdictFigures::pooled(&verdicts),
        per_article,
    })
}

/// The articles `a` and `b` both annotated, most differences first: the order to review them.
pub fn by_disagreement(pair: &PairAgreement) -> Vec<&ArticleAgreement> {
    let mut articles: Vec<&ArticleAgreement> = pair.per_article.iter().collect();
    articles.sort_by(|x, y| {
        y.differences
            .cmp(&x.differences)
            .then_with(|| x.title.cmp(&y.title))
    });
    articles
}
