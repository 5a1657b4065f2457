//! Readable texts: 利用規約, プライバシーポリシー, 手順書・マニュアル, よくある質問.
//! The portal's own documents are authoritative; these are what the app shows offline.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::portal_link::PortalLinkAnchor;
use crate::route::Route;
use madoguchi_domain::documents::{PortalLink, PRIVACY_POLICY, SUMMARY_NOTE, TERMS_OF_USE};

fn back() -> Html {
    html! { <p><Link<Route> to={Route::Register}>{ "ユーザー登録画面へ戻る" }</Link<Route>></p> }
}

#[function_component(Terms)]
pub fn terms() -> Html {
    html! {
        <article>
            <h2>{ "施術所等向け総合ポータルサイト利用規約" }</h2>
            { binding(PortalLink::TermsOfUse, "正式な利用規約をブラウザで開く") }
            <ol>
                { for TERMS_OF_USE.iter().map(|t| html! { <li>{ *t }</li> }) }
            </ol>
            { back() }
        </article>
    }
}

#[function_component(Privacy)]
pub fn privacy() -> Html {
    html! {
        <article>
            <h2>{ "プライバシーポリシー" }</h2>
            { binding(PortalLink::PrivacyPolicy, "正式なプライバシーポリシーをブラウザで開く") }
            <ul>
                { for PRIVACY_POLICY.iter().map(|t| html! { <li>{ *t }</li> }) }
                <li>{ "本アプリはパスワードをパソコン内のファイルに保存しません。保存を選んだ場合に限り、OSの資格情報ストアに保存します。" }</li>
            </ul>
            { back() }
        </article>
    }
}

/// Which text binds, said plainly, with the way to it.
fn binding(link: PortalLink, text: &'static str) -> Html {
    html! {
        <div class="binding" id="binding-note">
            <p>{ SUMMARY_NOTE }</p>
            <p><PortalLinkAnchor link={link} id="official-document" text={AttrValue::Static(text)} /></p>
        </div>
    }
}

#[function_component(Manual)]
pub fn manual() -> Html {
    let steps = [
        "トップページの「新規ユーザー登録はこちら」を押します。",
        "「姓」「名」を入力し、「所属機関選択」で該当する所属機関を選択します。施術所の方は受領委任承諾通知書をご用意ください。",
        "所属機関に応じて登録記号番号等、電話番号、メールアドレス、パスワードを入力し、利用規約とプライバシーポリシーを確認の上「上記の利用規約に同意します。」にチェックを入れ、「登録」を押します。",
        "入力内容確認画面で内容を確認し、「OK」を押します。",
        "登録したメールアドレス宛に、ユーザー登録を有効化するためのURLが記載されたメールが送信されます。",
        "メールの「ユーザー登録完了は以下からお願いいたします。」の下にあるURLを開きます（有効期限は24時間）。",
        "「ユーザー登録完了はこちら」を押すと、ユーザー登録の完了画面になり、ログインが可能になります。",
        "ユーザー登録完了メールが送信されます。これでユーザー登録は完了です。",
    ];
    html! {
        <article>
            <h2>{ "手順書・マニュアル（ユーザー登録の流れ）" }</h2>
            <ol class="steps">{ for steps.iter().map(|s| html! { <li>{ *s }</li> }) }</ol>
        </article>
    }
}

#[function_component(Faq)]
pub fn faq() -> Html {
    let qa = [
        ("1つの施術所で複数のアカウントを作れますか。", "1つの施術所等につき1アカウントです。ユーザー名はメールアドレスで、1つのメールアドレスは1つのアカウントにのみ使えます。複数の施術所を開設している場合は、施術所ごとに別のメールアドレスで登録してください。"),
        ("登録記号番号を入力しても施術所名が表示されません。", "番号に誤りがないかご確認ください。新たに受領委任の取扱いを開始する施術所につきましては、手続の都合上、ユーザー登録が行えるまで1か月程度お時間を要する場合がございます。"),
        ("「協」と「契」のどちらを選べばよいですか。", "受領委任承諾通知書の登録記号番号の欄の記載にそって選択してください（例：【契0123456-7-8】なら「契」）。"),
        ("あはきで登録記号番号を2つ持っています。", "はり・きゅうとあん摩マッサージ指圧で登録記号番号が分かれている場合があります。受領委任承諾通知書をご確認の上、いずれか10桁を入力してください。"),
        ("確認メールが届きません。", "メールアドレスの入力誤り、メール受信拒否の設定、「迷惑メール」などのフォルダに入っている、といった点をご確認ください。"),
        ("メールのURLを開くと「不正な操作が行われました。」と表示されます。", "URLが改行等で欠けている、登録完了後に再度開いた、送信から24時間を経過した、のいずれかが考えられます。24時間を経過した場合は、最初からユーザー登録を行ってください。"),
        ("パスワードの条件は何ですか。", "大文字・小文字・数字をそれぞれ1文字以上含む、8文字以上100文字以内の半角英数字・記号です。"),
        ("全角の数字やハイフンで入力してしまいました。", "本アプリが半角数字に直し、ハイフンや空白を取り除いて登録します。直した内容は入力欄の下と入力内容確認画面に表示されます。"),
    ];
    html! {
        <article>
            <h2>{ "よくある質問" }</h2>
            <dl class="faq">
                { for qa.iter().map(|(q, a)| html! { <><dt>{ format!("Q. {q}") }</dt><dd>{ format!("A. {a}") }</dd></> }) }
            </dl>
        </article>
    }
}
