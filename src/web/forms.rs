//! Forms as templates see them: fields with labels, kept values and messages tied to them.

use serde::Serialize;

use crate::domain::Locale;
use crate::error::FieldErrors;
use crate::i18n;

/// The shape of one input.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    /// `text`, `email`, `password`, `textarea` or `select`.
    pub kind: &'static str,
    /// Catalogue key of the label.
    pub label: &'static str,
    /// Catalogue key of a hint under the label, if any.
    pub hint: Option<&'static str>,
    pub autocomplete: &'static str,
}

/// One option of a `<select>`.
#[derive(Debug, Serialize)]
pub(crate) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    /// The boards as options, by slug and name, with `selected` (a slug) chosen.
    pub fn boards(boards: Vec<crate::services::boards::BoardSummary>, selected: &str) -> Vec<Self> {
        boards
            .into_iter()
            .map(|b| Choice {
                selected: b.slug == selected,
                value: b.slug,
                label: b.name,
            })
            .collect()
    }
}

#[derive(Debug, Serialize)]
struct FieldView {
    name: &'static str,
    kind: &'static str,
    label: String,
    hint: Option<String>,
    value: String,
    error: Option<String>,
    autocomplete: &'static str,
    described_by: Option<String>,
    options: Vec<Choice>,
    /// A select's first option, with no value: nothing is chosen until the reader chooses.
    placeholder: Option<String>,
    required: bool,
    textarea: bool,
    checkbox: bool,
}

#[derive(Debug, Serialize)]
struct Hidden {
    name: &'static str,
    value: String,
}

/// One form: where it posts, its fields, and what went wrong last time.
#[derive(Debug, Serialize)]
pub struct FormView {
    action: String,
    submit: String,
    error: Option<String>,
    hidden: Vec<Hidden>,
    fields: Vec<FieldView>,
    /// A field people do not see; bots that fill it are ignored.
    honeypot: bool,
    /// With JavaScript, what is typed is kept as a draft; this says it was restored.
    draft: Option<String>,
    #[serde(skip)]
    locale: Locale,
}

impl FormView {
    /// An empty form in `locale`.
    pub fn new(locale: Locale, action: impl Into<String>, submit: &str, fields: &[Field]) -> Self {
        let fields = fields
            .iter()
            .map(|f| FieldView {
                name: f.name,
                kind: f.kind,
                label: i18n::text(locale, f.label, None),
                hint: f.hint.map(|h| i18n::text(locale, h, None)),
                value: String::new(),
                error: None,
                autocomplete: f.autocomplete,
                described_by: f.hint.map(|_| format!("f-{}-hint", f.name)),
                options: Vec::new(),
                placeholder: None,
                required: f.kind != "checkbox",
                textarea: f.kind == "textarea",
                checkbox: f.kind == "checkbox",
            })
            .collect();
        Self {
            action: action.into(),
            submit: i18n::text(locale, submit, None),
            error: None,
            hidden: Vec::new(),
            fields,
            honeypot: false,
            draft: None,
            locale,
        }
    }

    /// Adds `field` before the others, unless the form has it already.
    pub fn with_first(mut self, field: &Field) -> Self {
        if self.fields.iter().any(|f| f.name == field.name) {
            return self;
        }
        let mut view = Self::new(self.locale, "", "", std::slice::from_ref(field)).fields;
        self.fields.insert(0, view.remove(0));
        self
    }

    /// The value typed in field `name`.
    pub fn value_of(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value.as_str())
    }

    /// Fills fields with what was typed (passwords are never echoed back).
    pub fn values(mut self, values: &[(&str, &str)]) -> Self {
        for field in self.fields.iter_mut().filter(|f| f.kind != "password") {
            if let Some((_, v)) = values.iter().find(|(n, _)| *n == field.name) {
                field.value = v.to_string();
            }
        }
        self
    }

    /// Offers choices for a select field: (value, label key).
    pub fn choices(mut self, name: &str, choices: &[(&str, &str)], selected: &str) -> Self {
        let locale = self.locale;
        if let Some(field) = self.fields.iter_mut().find(|f| f.name == name) {
            field.options = choices
                .iter()
                .map(|(value, label)| Choice {
                    value: value.to_string(),
                    label: i18n::text(locale, label, None),
                    selected: *value == selected,
                })
                .collect();
        }
        self
    }

    /// Offers choices whose labels are already text (board names, rule titles): (value, label).
    pub fn literal_choices(
        mut self,
        name: &str,
        choices: &[(String, String)],
        selected: &str,
    ) -> Self {
        if let Some(field) = self.fields.iter_mut().find(|f| f.name == name) {
            field.options = choices
                .iter()
                .map(|(value, label)| Choice {
                    value: value.clone(),
                    label: label.clone(),
                    selected: value == selected,
                })
                .collect();
        }
        self
    }

    /// Starts a select on an empty choice labelled `label` (a catalogue key).
    pub fn placeholder(mut self, name: &str, label: &str) -> Self {
        let text = i18n::text(self.locale, label, None);
        if let Some(field) = self.fields.iter_mut().find(|f| f.name == name) {
            field.placeholder = Some(text);
        }
        self
    }

    /// Lets a field be left empty (a checkbox always may be).
    pub fn optional(mut self, name: &str) -> Self {
        if let Some(field) = self.fields.iter_mut().find(|f| f.name == name) {
            field.required = false;
        }
        self
    }

    /// Adds the honeypot field (`website`).
    pub fn honeypot(mut self) -> Self {
        self.honeypot = true;
        self
    }

    /// Keeps what is typed in the browser until it is posted (`assets/js/drafts.js`).
    pub fn keep_draft(mut self) -> Self {
        self.draft = Some(i18n::text(self.locale, "draft-restored", None));
        self
    }

    /// Adds a hidden input.
    pub fn hidden(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.hidden.push(Hidden {
            name,
            value: value.into(),
        });
        self
    }

    /// Shows each error next to its field (`_form` above the form).
    pub fn errors(mut self, errors: &FieldErrors) -> Self {
        for (name, key) in errors {
            let text = i18n::text(self.locale, key, None);
            match self.fields.iter_mut().find(|f| f.name == name) {
                Some(field) => {
                    let id = format!("f-{}-error", field.name);
                    field.described_by = Some(match &field.described_by {
                        Some(hint) => format!("{hint} {id}"),
                        None => id,
                    });
                    field.error = Some(text);
                }
                None => self.error = Some(text),
            }
        }
        self
    }

    /// A message above the form.
    pub fn form_error(mut self, text: String) -> Self {
        self.error = Some(text);
        self
    }
}

/// The page a list shows when `?page=` is absent (a serde default).
pub fn first_page() -> i64 {
    1
}
