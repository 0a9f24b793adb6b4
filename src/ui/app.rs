//! The app shell: the workspace, the views drawn from it, and the frame that lays out the
//! panels, sends what the user did to the workspace and carries out what comes back.

use std::path::PathBuf;
use std::sync::Arc;

use egui::{Rect, RichText, Ui};

use marginalia_core::AnnotationId;
use marginalia_workspace::reading::Loading;
use marginalia_workspace::{
    self as workspace, Action, Command, Effect, OpenDocument, Preferences, ReviewSession, Workspace,
};

use super::article_view::{ArticleInput, ArticleView};
use super::corpus_panel::CorpusPanel;
use super::dialogs::{DialogForm, prompt_ui};
use super::file_dialogs::{FileDialogs, Picked};
use super::find_bar::FindBar;
use super::focus::FocusRing;
use super::review_panel::ReviewPanel;
use super::rows::Entry;
use super::side_panel::SidePanel;
use super::side_place::{Place, SIDE_WIDTH, SidePlace};

/// How the window starts.
#[derive(Debug, Default)]
pub struct StartOptions {
    /// A file to open; the bundled sample when `None`.
    pub file: Option<PathBuf>,
    /// Preferences to start with instead of the stored ones (tests).
    pub preferences: Option<Preferences>,
    /// Whether File ▸ Open… and Save as… use the system's dialogs (the caller has found
    /// that the system has them: `FileDialogs::probe`); without them a path is typed in.
    pub native_dialogs: bool,
    /// Where unsaved changes are written for crash recovery; none when `None`.
    pub recovery_dir: Option<PathBuf>,
    /// Seconds between recovery writes while there are unsaved changes.
    pub autosave_seconds: f64,
    /// The read of `file`, when it was started before the window was (so that both happen at
    /// once); the window applies it when it is done, as if it had started it.
    pub reading: Option<Loading>,
    /// Where the workspace's time comes from (tests move a manual clock).
    pub clock: workspace::Clock,
}

/// The Marginalia window.
pub struct MarginaliaApp {
    workspace: Workspace,
    /// The article pane of the open document, and which opening of it it was made for.
    view: Option<(u64, ArticleView)>,
    side: SidePanel,
    corpus_panel: CorpusPanel,
    review_panel: ReviewPanel,
    find_bar: FindBar,
    form: DialogForm,
    /// The name typed in the side panel's "who is annotating" strip.
    name: String,
    file_dialogs: Option<FileDialogs>,
    ctx: egui::Context,
    /// What the user did this frame, applied after it.
    actions: Vec<Action>,
    /// The last frame a dialog was drawn in (its keys are not the article's).
    prompt_frame: Option<u64>,
    title: String,
    /// Which part of the window has the keyboard, and the keys that move it.
    focus: FocusRing,
    /// Whether the side panel is docked or a drawer, and shown.
    side_place: SidePlace,
    /// For measuring launch to drawn: how many frames have shown the opened document, when
    /// the process is to end after the first ([`Self::exit_when_drawn`]).
    drawn_frames: Option<u32>,
}

impl MarginaliaApp {
    /// The app, with stored preferences and the file (or the sample) open.
    pub fn new(cc: &eframe::CreationContext<'_>, mut start: StartOptions) -> Self {
        if start.preferences.is_none() {
            start.preferences = cc
                .storage
                .and_then(|s| eframe::get_value(s, super::STORAGE_KEY));
        }
        Self::headless(&cc.egui_ctx, start)
    }

    /// The app on a bare `egui::Context`, without eframe (benchmarks); preferences come only
    /// from `start`.
    pub fn headless(ctx: &egui::Context, start: StartOptions) -> Self {
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        // Each glyph sits on a whole pixel: sharper text, and each glyph is rasterized once
        // rather than at up to four sub-pixel offsets, which took a third of the first frame.
        ctx.all_styles_mut(|style| style.visuals.text_options.subpixel_binning = false);
        let native = start.native_dialogs;
        let waker_ctx = ctx.clone();
        let file = if start.reading.is_some() {
            None
        } else {
            start.file
        };
        let options = workspace::Options {
            preferences: start.preferences.unwrap_or_default(),
            native_dialogs: native,
            recovery_dir: start.recovery_dir,
            autosave_seconds: start.autosave_seconds,
            clock: start.clock,
            reading: start.reading,
        };
        let mut workspace = Workspace::new(options, Arc::new(move || waker_ctx.request_repaint()));
        // Before the first frame, which egui lays out with the zoom and theme it has then:
        // else that frame is drawn dark and unzoomed, and all of it laid out again in the next.
        // The zoom is set as an option: `set_zoom_factor` would rescale a screen egui has not
        // been told the size of yet.
        ctx.options_mut(|o| o.zoom_factor = workspace.preferences().zoom);
        apply_zoom_and_theme(ctx, workspace.preferences());
        let opening = match file {
            Some(path) => Some(Action::Open(path)),
            None if workspace.reading().is_none() => Some(Action::OpenSample),
            None => None,
        };
        if let Some(action) = opening {
            // Nothing is open yet: nothing to ask, no dialog to show.
            let effects = workspace.apply(action);
            debug_assert!(effects.is_empty(), "opening at start-up needs no dialog");
        }
        Self {
            workspace,
            view: None,
            side: SidePanel::default(),
            corpus_panel: CorpusPanel::default(),
            review_panel: ReviewPanel::default(),
            find_bar: FindBar::default(),
            form: DialogForm::default(),
            name: String::new(),
            file_dialogs: native.then(|| FileDialogs::new(ctx.clone())),
            ctx: ctx.clone(),
            actions: Vec::new(),
            prompt_frame: None,
            title: String::new(),
            drawn_frames: None,
            focus: FocusRing::default(),
            side_place: SidePlace::default(),
        }
    }

    /// Ends the process as soon as a frame showing the opened document has been drawn, so
    /// that the whole process's time is the time from launch to the article on screen
    /// (`benches/process.sh`, with `MARGINALIA_EXIT_WHEN_DRAWN` set).
    pub fn exit_when_drawn(&mut self) {
        self.drawn_frames = Some(0);
    }

    /// The window's state.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// Applies `action` as if the user did it, and carries out what follows (tests).
    pub fn act(&mut self, action: Action) {
        let effects = self.workspace.apply(action);
        self.carry_out(effects);
    }

    /// The prompt shown, if any.
    pub fn dialog(&self) -> Option<&workspace::Prompt> {
        self.workspace.prompt()
    }

    /// The message in the status bar, if any.
    pub fn status(&self) -> Option<&str> {
        self.workspace.status()
    }

    /// Whether a review is in progress.
    pub fn reviewing(&self) -> bool {
        self.workspace.review().is_some()
    }

    /// The file being read, if any.
    pub fn loading(&self) -> Option<&workspace::Job> {
        self.workspace.reading().map(|(job, _)| job)
    }

    /// Whether the window may close now.
    pub fn close_allowed(&self) -> bool {
        self.workspace.close_allowed()
    }

    /// The preferences in force.
    pub fn preferences(&self) -> &Preferences {
        self.workspace.preferences()
    }

    /// The selected annotation, if any.
    pub fn selected(&self) -> Option<AnnotationId> {
        self.workspace.selection().annotation
    }

    /// Starts reading a colleague's file to review against the open document.
    pub fn start_review(&mut self, path: &std::path::Path) {
        self.act(Action::StartReview(path.to_owned()));
    }

    /// Saves to `path`; on failure says why and leaves the document unsaved.
    pub fn save_to(&mut self, path: &std::path::Path) -> bool {
        self.act(Action::SaveTo(path.to_owned()));
        self.workspace
            .document()
            .is_some_and(|open| !open.is_dirty() && open.path() == Some(path))
    }

    /// Shows `doc` in place of the open document (no question asked), as if opened from
    /// `path` (benchmarks).
    pub fn open_document(&mut self, doc: marginalia_core::Document, path: Option<PathBuf>) {
        self.act(Action::OpenDocument {
            doc: Box::new(doc),
            path,
        });
    }

    /// Starts reviewing `theirs` (already loaded, from `path`) against the open document
    /// (benchmarks).
    pub fn review_document(&mut self, theirs: marginalia_core::Document, path: PathBuf) {
        self.act(Action::ReviewDocument {
            theirs: Box::new(theirs),
            path,
        });
    }

    /// The open document, if any.
    pub fn document(&self) -> Option<&OpenDocument> {
        self.workspace.document()
    }

    /// The article pane of the open document (tests find characters on screen with it).
    pub fn article_view(&self) -> Option<&ArticleView> {
        self.view.as_ref().map(|(_, view)| view)
    }

    /// Waits for the file being read, if any, and applies it (tests and benchmarks; the
    /// window polls instead).
    pub fn finish_loading(&mut self) {
        self.act(Action::FinishReading);
    }

    /// Brings annotation `id` into view on the next frame and selects it.
    pub fn show_annotation(&mut self, id: AnnotationId) {
        self.actions.push(Action::Show(id));
    }

    /// The window title as last sent.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// One whole frame of the window in `ui` (what eframe runs each frame).
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.logic_pass(&ctx);
        self.ui_pass(ui);
    }

    /// What runs before each frame: files read, the recovery copy, the close request, the
    /// system file dialog's answer, zoom and theme.
    fn logic_pass(&mut self, ctx: &egui::Context) {
        if self.drawn_frames.is_some_and(|drawn| drawn > 0) {
            // The frame before this one drew the document: it is on screen.
            std::process::exit(0);
        }
        // Carried out once the view of a document opened by it is made.
        let effects = self.workspace.apply(Action::Tick);
        if ctx.input(|i| i.viewport().close_requested()) && !self.workspace.close_allowed() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.act(Action::Command(Command::Quit));
        }
        if let Some(picked) = self.file_dialogs.as_mut().and_then(FileDialogs::poll) {
            let path = match picked {
                Picked::Chosen(path) => Some(path),
                Picked::Cancelled => None,
            };
            // The system's save dialog asks before replacing a file itself.
            self.act(Action::PathChosen {
                path,
                confirmed: true,
            });
        }
        apply_zoom_and_theme(ctx, self.workspace.preferences());
        // The view belongs to one opened document: another gets a view of its own, at its top.
        let open_id = self.workspace.document().map(OpenDocument::id);
        if self.view.as_ref().map(|(id, _)| *id) != open_id {
            self.view = self
                .workspace
                .document()
                .map(|open| (open.id(), ArticleView::new(open.doc())));
            self.side.document_changed();
            self.focus.send_to_article();
        }
        self.carry_out(effects);
        if let Some(drawn) = self.drawn_frames.as_mut()
            && self.view.is_some()
            && self.workspace.reading().is_none()
        {
            // This frame draws the document; the next one ends the process.
            *drawn += 1;
            ctx.request_repaint();
        }
    }

    /// The frame's UI, then the actions it collected.
    fn ui_pass(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = std::mem::take(&mut self.actions);
        let prompt_shown = self.workspace.prompt().is_some();
        let reading = self.workspace.reading().is_some();
        let moves = self.focus.begin_frame(&ctx, prompt_shown || reading);
        if moves.show_side {
            self.side_place.show();
        }
        if moves.left_side {
            self.side_place.leave();
        }
        if !prompt_shown && !reading {
            super::menus::shortcuts(&ctx, &self.workspace, self.focus.article, &mut actions);
        }
        self.focus.clear_parts();
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            actions.push(Action::Dropped(path));
        }

        self.menu_bar_ui(ui, &mut actions, moves.open_menu);
        egui::Panel::bottom("status").show(ui, |ui| {
            super::status_bar::status_bar_ui(ui, &self.workspace, &mut actions);
        });
        if let Some(session) = self.workspace.corpus() {
            let open_sha = self.workspace.document().map(|o| o.doc().article.sha256());
            // Widths are shares of the whole window, so the side panel keeps its room beside
            // the corpus.
            let max_width = (ctx.content_rect().width() * 0.3).max(280.0);
            let panel = egui::Panel::left("corpus")
                .resizable(true)
                .default_size(320.0)
                .min_size(260.0)
                .max_size(max_width)
                .show(ui, |ui| {
                    self.corpus_panel.ui(ui, session, open_sha, &mut actions);
                });
            self.focus.corpus = Some((panel.response.rect, self.corpus_panel.entry()));
        }
        if self.workspace.document().is_some() {
            self.document_ui(ui, &mut actions);
        } else {
            let corpus = self.workspace.corpus().is_some();
            egui::CentralPanel::default().show(ui, |ui| {
                if corpus {
                    ui.vertical_centered(|ui| {
                        ui.add_space(80.0);
                        ui.label("Pick an article in the list to read and annotate it.");
                    });
                } else {
                    welcome_ui(ui, self.workspace.preferences(), &mut actions);
                }
            });
        }

        // A prompt waits while a file is read: the reading decides what comes next.
        if !reading && let Some(prompt) = self.workspace.prompt() {
            let id = self.workspace.prompt_id().unwrap_or_default();
            let doc = self.workspace.document().map(OpenDocument::doc);
            let preferences = self.workspace.preferences();
            actions.extend(prompt_ui(
                &ctx,
                prompt,
                id,
                &mut self.form,
                doc,
                preferences,
            ));
            self.prompt_frame = Some(ctx.cumulative_frame_nr());
        }
        if let Some((job, waited)) = self.workspace.reading()
            && super::status_bar::reading_notice_ui(&ctx, job, waited)
        {
            actions.push(Action::CancelRead);
        }

        for action in actions {
            self.act(action);
        }
        self.focus.end_frame(&ctx);
        let title = self.workspace.title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        // The window's node is named as its title bar is, so a screen reader says which
        // document it is in.
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| {
            node.set_label(self.title.clone());
        });
    }

    /// The panels of an open document: the side panel (or the review), the find bar, the
    /// link-mode bar and the article.
    /// The side panel (or the review), docked or in its drawer as the window's width has it;
    /// tells the focus ring where it is and where the keyboard enters it.
    fn side_panel_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        let Some(open) = self.workspace.document() else {
            return;
        };
        let doc = open.doc();
        let revision = open.revision();
        let selection = self.workspace.selection();
        let annotator = self.workspace.preferences().annotator.is_empty();
        let max_width = (ui.ctx().content_rect().width() * 0.45).max(300.0);
        // The review has a panel of its own: its width, often wider, is not kept once it ends.
        let panel = if self.workspace.review().is_some() {
            "side-review"
        } else {
            "side"
        };
        let mut name_field = None;
        let mut name_given = false;
        let mut contents = |ui: &mut Ui| {
            if annotator {
                let (field, given) = annotator_strip_ui(ui, &mut self.name, actions);
                name_field = Some(field);
                name_given = given;
            }
            match self.workspace.review() {
                Some(session) => {
                    self.review_panel.ui(ui, session, doc, actions);
                }
                None => self.side.ui(
                    ui,
                    doc,
                    revision,
                    selection,
                    self.workspace.suggestions(),
                    actions,
                ),
            }
        };
        let room = ui.available_rect_before_wrap();
        self.side_place.measure(room.width());
        let side_rect = match self.side_place.place() {
            Place::Docked => {
                egui::Panel::right(panel)
                    .resizable(true)
                    .default_size(SIDE_WIDTH)
                    .min_size(280.0)
                    .max_size(max_width)
                    // egui's own separator runs on through the status bar: the panel draws
                    // its edge along its contents instead.
                    .show_separator_line(false)
                    .show(ui, |ui| {
                        let edge = ui.max_rect();
                        ui.painter().vline(
                            edge.left() - ui.spacing().item_spacing.x,
                            edge.y_range(),
                            ui.visuals().widgets.noninteractive.bg_stroke,
                        );
                        contents(ui);
                    })
                    .response
                    .rect
            }
            Place::Drawer => {
                let modal = self.workspace.prompt().is_some();
                self.side_place.drawer_ui(ui.ctx(), room, modal, contents)
            }
            // F6 shows it: the ring knows it by its empty rectangle.
            Place::Hidden => Rect::NOTHING,
        };
        if name_given {
            // Back to the article, to annotate.
            self.focus.send_to_article();
        }
        // The keyboard enters the panel at the name asked for, first of all.
        let entry = if let Some(field) = name_field.filter(|_| !name_given) {
            Entry::Widget(field)
        } else if self.workspace.review().is_some() {
            self.review_panel.entry()
        } else {
            self.side.entry()
        };
        self.focus.side = Some((side_rect, entry));
    }

    fn document_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        self.side_panel_ui(ui, actions);
        let Some(open) = self.workspace.document() else {
            return;
        };
        let doc = open.doc();
        let revision = open.revision();
        let selection = self.workspace.selection();
        if self.workspace.find().open {
            egui::Panel::top("find").show(ui, |ui| {
                self.find_bar.ui(ui, doc, self.workspace.find(), actions);
            });
        }
        if let Some(from) = selection.link_from {
            // Over the article, at the foot of the window: nothing under the pointer moves, so
            // the click meant for a highlight lands on it.
            egui::Area::new(egui::Id::unique("link-mode"))
                .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -40.0))
                .order(egui::Order::Foreground)
                .show(ui.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.label(
                                RichText::new(format!(
                                    "Click the highlight that annotation {from} responds to."
                                ))
                                .strong(),
                            );
                            if ui.button("Cancel").clicked() {
                                actions.push(Action::CancelLink);
                            }
                        });
                    });
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some((_, view)) = &mut self.view {
                let find = self.workspace.find();
                let review = self.workspace.review();
                let input = ArticleInput {
                    doc,
                    revision,
                    selection,
                    matches: &find.matches,
                    current_match: find.current,
                    marks: review.map(ReviewSession::marks).unwrap_or_default(),
                    theirs: review.map(ReviewSession::theirs),
                    text_size: workspace::prefs::ARTICLE_TEXT_SIZE,
                    suggestions: self.workspace.suggestions(),
                    keys: self.workspace.prompt().is_none()
                        && self.prompt_frame != Some(ui.ctx().cumulative_frame_nr()),
                    escape: self.focus.escape_is_articles(),
                };
                self.focus.article = Some(view.widget_id());
                view.ui(ui, &input, actions);
            }
        });
    }

    /// The menu bar, with the side panel's button at its right end while a document is open;
    /// with `open_menu` its first menu takes the keyboard.
    fn menu_bar_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>, open_menu: bool) {
        let document_open = self.workspace.document().is_some();
        let mut toggled = false;
        self.focus.menus = egui::Panel::top("menu")
            .show(ui, |ui| {
                super::menus::menu_bar_ui(ui, &self.workspace, actions, open_menu, |ui| {
                    toggled = document_open && self.side_place.button_ui(ui);
                })
            })
            .inner;
        if toggled {
            self.toggle_side_panel();
        }
    }

    /// Shows the side panel or hides it; shown, it takes the keyboard (Esc gives it back).
    fn toggle_side_panel(&mut self) {
        self.side_place.toggle();
        if self.side_place.place() == Place::Hidden {
            self.focus.send_to_article();
        } else {
            self.focus.send_to_side();
        }
    }

    /// Carries out what the workspace asked of the window.
    fn carry_out(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::PickFile {
                    purpose,
                    folder,
                    name,
                } => {
                    if let Some(dialogs) = &mut self.file_dialogs {
                        dialogs.pick(purpose, folder, name);
                    }
                }
                Effect::ScrollTo(c) => {
                    if let Some((_, view)) = &mut self.view {
                        view.scroll_to(c);
                    }
                }
                Effect::FocusFind => self.find_bar.focus(),
                Effect::FocusCorpusSearch => self.corpus_panel.focus_search(),
                Effect::ShowOrphans => {
                    self.side_place.show();
                    self.side.show_orphans();
                }
                Effect::ToggleSidePanel => self.toggle_side_panel(),
                Effect::Close => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Effect::WakeAfter(wait) => self
                    .ctx
                    .request_repaint_after(wait.max(std::time::Duration::from_millis(100))),
            }
        }
    }
}

/// The side panel's strip that asks who is annotating, without covering the article; gives
/// the id of its name field, and whether the name was given this frame.
fn annotator_strip_ui(
    ui: &mut Ui,
    name: &mut String,
    actions: &mut Vec<Action>,
) -> (egui::Id, bool) {
    let mut field = None;
    let mut given = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new("Who is annotating?").strong());
        ui.label(
            "Your name goes into the files you save, so colleagues know whose work they review.",
        );
        ui.horizontal(|ui| {
            let caption = ui.label("Your name");
            let response = ui
                .add(
                    egui::TextEdit::singleline(name)
                        .hint_text("First and last name")
                        .desired_width(180.0),
                )
                .labelled_by(caption.id);
            field = Some(response.id);
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ok = ui.add_enabled(!name.trim().is_empty(), egui::Button::new("OK"));
            if (ok.clicked() || entered) && !name.trim().is_empty() {
                actions.push(Action::SetAnnotator(name.trim().to_owned()));
                given = true;
            }
        });
    });
    ui.add_space(4.0);
    (field.unwrap_or_else(|| ui.scope_id()), given)
}

/// What the window shows with no document open.
fn welcome_ui(ui: &mut Ui, prefs: &Preferences, actions: &mut Vec<Action>) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading("Marginalia");
        ui.label(
            "Open an article (.txt, .md, .html, .pdf, .eml, .docx, .odt) or an annotation file (.ron), or drop one here.",
        );
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button("Open…").clicked() {
                actions.push(Action::Command(Command::Open));
            }
            if ui.button("Open folder…").clicked() {
                actions.push(Action::Command(Command::OpenFolder));
            }
        });
        if !prefs.recent_files.is_empty() {
            ui.add_space(16.0);
            ui.strong("Recent files");
            for path in &prefs.recent_files {
                if ui.link(path.display().to_string()).clicked() {
                    actions.push(Action::Open(path.clone()));
                }
            }
        }
    });
}

impl eframe::App for MarginaliaApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.logic_pass(ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.ui_pass(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, super::STORAGE_KEY, self.workspace.preferences());
    }
}

/// Sets `ctx`'s zoom and theme to the preferences' (egui applies them from its next pass).
fn apply_zoom_and_theme(ctx: &egui::Context, prefs: &Preferences) {
    if (ctx.zoom_factor() - prefs.zoom).abs() > f32::EPSILON {
        ctx.set_zoom_factor(prefs.zoom);
    }
    let theme = if prefs.dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    };
    // The preference, not the theme in force, which egui resolves only when a pass begins.
    if ctx.options(|o| o.theme_preference) != theme.into() {
        ctx.set_theme(theme);
    }
}
