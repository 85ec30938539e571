//! With JavaScript on, the reply and new-thread boxes keep a draft through a failed submit and a
//! reload, and forget it once it is posted.

use anyhow::{ensure, Result};
use tertulia::domain::Role;

use crate::driver::{Browser, Driver, Js, Scheme};
use crate::helpers::{spawn_app, TestApp};
use crate::stories::log_in;

const DRAFT: &str = "Un borrador largo que no quiero perder por una mala conexión.";

async fn drafts(b: &Browser, app: &TestApp) -> Result<()> {
    let author = app.browser_as("autora", Role::Member).await;
    let thread = author
        .new_thread("educacion", "Conexión en el campo", "Empecemos.")
        .await;
    log_in(b, "escritora").await?;
    let page = format!("/t/{thread}");

    b.step("type a reply");
    b.goto(&page).await?;
    b.fill("#f-body", DRAFT).await?;

    b.step("a submit that fails");
    b.run("document.querySelector('#reply input[name=csrf_token]').value = 'caducado';")
        .await?;
    b.submit("#reply button[type=submit]").await?;
    ensure!(
        b.path().await? == format!("{page}/reply"),
        "the submit failed"
    );

    b.step("the draft is back");
    b.goto(&page).await?;
    ensure!(
        b.value("#f-body").await? == DRAFT,
        "restored after a failed submit"
    );
    ensure!(b.texts(".draft-restored").await?.len() == 1, "and says so");

    b.step("and survives a reload");
    b.client.refresh().await?;
    ensure!(
        b.value("#f-body").await? == DRAFT,
        "restored after a reload"
    );

    b.step("posted, then forgotten");
    b.submit("#reply button[type=submit]").await?;
    ensure!(b.texts(".post").await?.len() == 2, "the reply was posted");
    ensure!(
        b.value("#f-body").await?.is_empty(),
        "no draft after posting"
    );
    b.goto(&page).await?;
    ensure!(b.value("#f-body").await?.is_empty(), "still none");

    b.step("a new thread keeps its draft too");
    b.goto("/b/educacion/new").await?;
    b.fill("#f-title", "Título pendiente").await?;
    b.fill("#f-body", DRAFT).await?;
    b.client.refresh().await?;
    ensure!(b.value("#f-title").await? == "Título pendiente");
    ensure!(b.value("#f-body").await? == DRAFT);
    Ok(())
}

#[tokio::test]
async fn drafts_survive_a_failed_submit_and_a_reload() {
    crate::init();
    let Some(driver) = Driver::find() else { return };
    let app = spawn_app().await;
    app.make_user("escritora", Role::Member).await;
    let b = Browser::open(&driver, &app.address, "drafts", Js::On, Scheme::Light).await;
    let result = drafts(&b, &app).await;
    b.finish("drafts", result).await;
}
