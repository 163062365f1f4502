// Package report describes what a conversion keeps and what it loses: which
// packages map to what, which do not and why, which options and dotfiles
// were seen, what the importer found and what the user must do by hand.
//
// Build makes a Report from a model.System and a mappings.Mapper. It never
// drops anything silently: every part of the model that the target's
// exporter does not write yet becomes a finding that says so, with the
// origin of the item. Exporters tell Build what they write by registering
// options for their target with Register, so "nixarch report" and the
// REPORT.md an exporter writes agree.
//
// A Report is written three ways: Markdown for the REPORT.md that
// exporters put beside their output, Text for the terminal, and JSON with a
// fixed shape (schemaVersion 1) for tools. All three are deterministic.
package report
