//! Drafts from a spreadsheet, for chains preparing many facilities: one row per facility,
//! judged by crates/domain; bad rows are reported with their line numbers, good rows become
//! drafts. Excel saves CSV as Shift_JIS unless told otherwise, so both encodings are read.
//!
//! Columns (header row required, in any order): 姓, 名, 所属機関 (柔道整復 | あはき |
//! 健診実施機関等 | 助産所, or the portal's label), 協契 (柔道整復 only), 登録記号番号,
//! 電話番号, メールアドレス.

use madoguchi_domain::ipc::{DraftFields, DraftImport, RejectedRow};
use madoguchi_domain::FacilityKind;
use sqlx::sqlite::SqlitePool;

use crate::store::drafts;
use crate::store::StoreError;

pub const COLUMNS: [&str; 7] = [
    "姓",
    "名",
    "所属機関",
    "協契",
    "登録記号番号",
    "電話番号",
    "メールアドレス",
];

/// UTF-8 (with or without a BOM), else Shift_JIS.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned(),
    }
}

/// The rows that can be drafts (with their lines) and those that cannot (with why).
#[derive(Debug)]
pub struct Parsed {
    pub good: Vec<(u64, DraftFields)>,
    pub bad: Vec<RejectedRow>,
}

/// Parses rows into drafts' fields. A file without the needed columns is refused whole.
pub fn parse(text: &str) -> Result<Parsed, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| format!("1行目（見出し）を読めません：{e}"))?
        .clone();
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| header.iter().position(|h| h == *c))
        .collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(&index)
        .filter(|(c, i)| i.is_none() && **c != "協契")
        .map(|(c, _)| *c)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "1行目（見出し）に次の列がありません：{}。見出しは {} としてください。",
            missing.join("、"),
            COLUMNS.join(",")
        ));
    }
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                bad.push(RejectedRow {
                    line,
                    reason: format!("読み取れません：{e}"),
                });
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let get = |i: usize| {
            index[i]
                .and_then(|i| record.get(i))
                .unwrap_or_default()
                .to_owned()
        };
        let kind = get(2);
        let Some(kind) = FacilityKind::from_name(&kind) else {
            bad.push(RejectedRow {
                line,
                reason: format!("所属機関「{kind}」は、柔道整復・あはき・健診実施機関等・助産所のいずれかにしてください。"),
            });
            continue;
        };
        let fields = DraftFields {
            family_name: get(0),
            given_name: get(1),
            facility_kind: kind.key().to_owned(),
            judo_prefix: get(3),
            registration_number: get(4),
            phone: get(5),
            email: get(6),
            terms_accepted: false,
        };
        let errors = fields.errors();
        if errors.is_empty() {
            good.push((line, fields));
        } else {
            let reason = errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            bad.push(RejectedRow { line, reason });
        }
    }
    Ok(Parsed { good, bad })
}

/// Imports the good rows as new drafts; a facility that already has a draft is reported.
pub async fn import(
    pool: &SqlitePool,
    bytes: &[u8],
) -> Result<Result<DraftImport, String>, StoreError> {
    let (good, mut rejected) = match parse(&decode(bytes)) {
        Ok(parsed) => (parsed.good, parsed.bad),
        Err(message) => return Ok(Err(message)),
    };
    let mut imported = 0;
    // One transaction: a failure part-way leaves no row of the file behind.
    let mut tx = pool.begin().await?;
    for (line, fields) in good {
        let id = uuid::Uuid::new_v4().to_string();
        let saved = drafts::save_on(&mut tx, &id, &fields, None).await?;
        if saved.duplicate_of.is_some() {
            drafts::delete_on(&mut tx, &id).await?;
            rejected.push(RejectedRow {
                line,
                reason: "この施術所等の下書きは既にあります。".into(),
            });
        } else {
            imported += 1;
        }
    }
    tx.commit().await?;
    rejected.sort_by_key(|r| r.line);
    Ok(Ok(DraftImport { imported, rejected }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "姓,名,所属機関,協契,登録記号番号,電話番号,メールアドレス\n";

    #[test]
    fn good_rows_are_kept_and_bad_rows_reported_by_line() {
        let text = format!(
            "{HEADER}基金,太郎,柔道整復,契,０１２３４５６７８,03-1234-5678,A@EXAMPLE.JP\n\
             基金,次郎,歯科,,0123456789,0312345678,b@example.jp\n\
             基金,三郎,あはき,,12345,0312345678,c@example.jp\n\
             基金,四郎,健診実施機関等,,0110113719,0312345678,d@example.jp\n"
        );
        let Parsed { good, bad } = parse(&text).expect("parsed");
        assert_eq!(good.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![2, 5]);
        assert_eq!(good[0].1.facility_kind, "judo");
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].line, 3);
        assert!(bad[0].reason.contains("所属機関"), "{}", bad[0].reason);
        assert_eq!(bad[1].line, 4);
        assert!(bad[1].reason.contains("桁"), "{}", bad[1].reason);
    }

    #[test]
    fn shift_jis_from_excel_is_read() {
        let text = format!("{HEADER}基金,太郎,助産所,,1312345678,0312345678,a@example.jp\n");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        let Parsed { good, bad } = parse(&decode(&sjis)).expect("parsed");
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(good[0].1.family_name, "基金");
    }

    #[tokio::test]
    async fn a_failure_part_way_leaves_nothing_imported() {
        let pool = crate::store::open_in_memory().await.expect("store");
        // The third row's insert fails, as a full disk or a locked file would.
        sqlx::query(
            "CREATE TRIGGER fail_third BEFORE INSERT ON drafts \
             WHEN (SELECT count(*) FROM drafts) >= 2 \
             BEGIN SELECT RAISE(ABORT, 'disk full'); END",
        )
        .execute(&pool)
        .await
        .expect("trigger");
        let rows: String = (1..=4)
            .map(|i| format!("基金,太郎{i},助産所,,131234567{i},0312345678,m{i}@example.jp\n"))
            .collect();
        let result = import(&pool, format!("{HEADER}{rows}").as_bytes()).await;
        assert!(result.is_err(), "the failure is reported");
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM drafts")
            .fetch_one(&pool)
            .await
            .expect("count");
        assert_eq!(count, 0, "no row of the file is left behind");

        sqlx::query("DROP TRIGGER fail_third")
            .execute(&pool)
            .await
            .expect("drop");
        let done = import(&pool, format!("{HEADER}{rows}").as_bytes())
            .await
            .expect("stored")
            .expect("read");
        assert_eq!(done.imported, 4);
    }

    #[test]
    fn a_missing_column_is_named() {
        let err = parse("姓,名\n基金,太郎\n").expect_err("refused");
        assert!(
            err.contains("所属機関") && err.contains("メールアドレス"),
            "{err}"
        );
    }
}
