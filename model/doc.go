// Package model defines nixarch's intermediate model: one description of a
// Linux system that every importer produces and every exporter consumes.
//
// The model is stored as YAML with apiVersion nixarch/v1 and kind System.
// Users edit it between "nixarch import" and "nixarch export", so decoding
// is strict: an unknown field or a value of the wrong type is an error that
// names file:line:col. Encoding is deterministic, and decoding what Encode
// wrote and encoding it again gives the same bytes.
//
// Every item that came from a source file carries an Origin, so that a
// finding such as "unmapped: foo" can be traced back to where foo was
// declared. The model never holds secrets: users have no password hashes and
// files that hold keys are represented by findings, not content.
//
// Package model imports no other nixarch package.
package model
