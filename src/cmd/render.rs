//! `newsgraph render`: draws a built graph (or a filtered part of it, such as the ego graph
//! around one actor) as SVG, PNG or PDF with Graphviz, with a legend of the kinds and line
//! styles.
//!
//! The DOT text comes from the DOT export ([`crate::export::dot::write`]: shapes and colours
//! per kind, pen width by weight, dashed and dotted lines by modality); this command appends a
//! legend node and pipes the text to `neato` (up to 300 edges) or `sfdp` (above).

use super::note;
use crate::export::dot::{quote, style};
use crate::export::{ExportOptions, json, write_atomic};
use crate::filter::{AroundArgs, FilterArgs};
use crate::graph::Graph;
use crate::model::Kind;
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Exit status when Graphviz is not installed.
pub const EXIT_NO_GRAPHVIZ: i32 = 3;

/// Graphs with more edges than this are laid out with `sfdp` (as the DOT export does).
pub const SFDP_ABOVE_EDGES: usize = 300;

/// An image format Graphviz writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    /// Scalable vector graphics, with tooltips (evidence on edges).
    Svg,
    /// Bitmap.
    Png,
    /// Vector PDF.
    Pdf,
}

impl ImageFormat {
    fn name(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
            ImageFormat::Pdf => "pdf",
        }
    }

    fn from_path(p: &Path) -> Option<ImageFormat> {
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(ImageFormat::Svg),
            "png" => Some(ImageFormat::Png),
            "pdf" => Some(ImageFormat::Pdf),
            _ => None,
        }
    }
}

/// Arguments of `newsgraph render`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  newsgraph render --output graph.svg
  newsgraph render --around Putin --depth 2 --output putin.png
  newsgraph render --kind country,weapon --relation supplies,supplies_weapons_to --output arms.svg
  newsgraph render --since 2025-10 --min-weight 2 --graph out/graph.json --output recent.pdf

Needs Graphviz (`apt-get install graphviz`, `brew install graphviz`, `winget install graphviz`):
`neato` lays out graphs of up to 300 edges, `sfdp` bigger ones (--layout to choose). Without
Graphviz the command says so and exits with status 3; `newsgraph build --format dot` still
writes graph.dot for a Graphviz elsewhere. Big graphs draw better filtered: --around,
--min-weight, --kind or --relation.

Nodes: person ellipse (blue), country box (orange), weapon hexagon (red), place house (green),
organisation component (purple). Edges: width grows with weight; solid asserted, dashed planned
or possible, dotted negated; no arrowhead for symmetric relations. In SVG, hovering an edge
shows its evidence.")]
pub struct RenderArgs {
    /// The graph to read (a graph.json written by `newsgraph build` or `merge`).
    #[arg(long, value_name = "FILE", default_value = "exports/graph.json")]
    pub graph: PathBuf,
    /// The image to write: .svg, .png or .pdf (or - with --format, for standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Image format (default: from the extension of --output).
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<ImageFormat>,
    /// Graphviz layout: auto (neato up to 300 edges, sfdp above), or a Graphviz layout program
    /// (neato, sfdp, fdp, dot, circo, twopi).
    #[arg(long, value_name = "NAME", default_value = "auto",
          value_parser = ["auto", "neato", "sfdp", "fdp", "dot", "circo", "twopi"])]
    pub layout: String,
    /// Leave out the legend.
    #[arg(long)]
    pub no_legend: bool,
    /// Draw entities without relations too (left out by default).
    #[arg(long)]
    pub isolated: bool,
    /// Evidence sentences in each edge's tooltip (SVG).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub evidence_shown: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub around: AroundArgs,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// The DOT text of `g` with a legend node listing the kinds present (shape and colour) and
/// the line styles.
pub fn dot_with_legend(g: &Graph, opts: &ExportOptions, legend: bool) -> Result<String> {
    let mut buf = Vec::new();
    crate::export::dot::write(g, opts, &mut buf)?;
    let mut text = String::from_utf8(buf).context("DOT output is not UTF-8")?;
    if !legend {
        return Ok(text);
    }
    let end = text
        .trim_end()
        .strip_suffix('}')
        .context("DOT output does not end with }")?
        .len();
    text.truncate(end);
    text.push_str(&legend_node(g));
    text.push_str("}\n");
    Ok(text)
}

/// The legend: one HTML-like table node.
fn legend_node(g: &Graph) -> String {
    let present: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|k| g.g.node_weights().any(|n| n.kind == *k))
        .collect();
    let mut rows = String::from("<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>");
    for k in present {
        let (shape, fill) = style(k);
        rows.push_str(&format!(
            "<TR><TD BGCOLOR=\"{fill}\">{k}</TD><TD ALIGN=\"LEFT\">{shape}</TD></TR>"
        ));
    }
    for (line, meaning) in [
        ("solid line", "asserted"),
        ("dashed line", "planned or possible"),
        ("dotted line", "negated"),
        ("thicker line", "seen more often"),
        ("no arrowhead", "symmetric relation"),
    ] {
        rows.push_str(&format!(
            "<TR><TD>{line}</TD><TD ALIGN=\"LEFT\">{meaning}</TD></TR>"
        ));
    }
    format!(
        "  {} [shape=plaintext, style=solid, fillcolor=white, tooltip=\"legend\", label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\">{rows}</TABLE>>];\n",
        quote("newsgraph:legend")
    )
}

/// The layout program for a graph: `neato` up to [`SFDP_ABOVE_EDGES`] edges, `sfdp` above.
pub fn auto_layout(g: &Graph) -> &'static str {
    if g.edge_count() > SFDP_ABOVE_EDGES {
        "sfdp"
    } else {
        "neato"
    }
}

/// Runs a Graphviz program on `dot`; returns the image bytes and Graphviz's warnings, or
/// `Ok(None)` when the program is not installed.
pub fn graphviz(
    program: &str,
    format: ImageFormat,
    dot: &str,
) -> Result<Option<(Vec<u8>, String)>> {
    let child = Command::new(program)
        .arg(format!("-T{}", format.name()))
        .arg(format!("-Glayout={program}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot run Graphviz `{program}`")),
    };
    let mut stdin = child.stdin.take().context("no stdin for Graphviz")?;
    let mut stderr = child.stderr.take().context("no stderr for Graphviz")?;
    let text = dot.to_string();
    // Feed and drain in threads so that neither pipe fills up and blocks the other.
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let errs = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).map(|_| s)
    });
    let mut image = Vec::new();
    child
        .stdout
        .take()
        .context("no stdout for Graphviz")?
        .read_to_end(&mut image)?;
    let status = child.wait()?;
    let written = writer.join().expect("writer thread");
    let errs = errs.join().expect("stderr thread").unwrap_or_default();
    if !status.success() {
        bail!("Graphviz `{program}` failed ({status}): {}", errs.trim());
    }
    written.with_context(|| format!("cannot send the graph to Graphviz `{program}`"))?;
    Ok(Some((image, errs)))
}

/// Runs the command; returns the exit status (3 when Graphviz is not installed).
pub fn run(a: RenderArgs) -> Result<i32> {
    let to_stdout = a.output.as_os_str() == "-";
    let format = match a.format.or_else(|| ImageFormat::from_path(&a.output)) {
        Some(f) => f,
        None if to_stdout => bail!("--output - needs --format svg, png or pdf"),
        None => bail!(
            "cannot tell the image format from {}: use a .svg, .png or .pdf name, or --format",
            a.output.display()
        ),
    };
    let g = json::read(&a.graph)?;
    let mut g = a.filter.filter(&a.around).apply(g)?;
    if !a.isolated {
        g = g.filtered(|_| true, |_, _, _| true, true);
    }
    let opts = ExportOptions {
        evidence_shown: a.evidence_shown,
        ..ExportOptions::default()
    };
    let dot = dot_with_legend(&g, &opts, !a.no_legend)?;
    let program = if a.layout == "auto" {
        auto_layout(&g)
    } else {
        a.layout.as_str()
    };
    let Some((image, warnings)) = graphviz(program, format, &dot)? else {
        note(format!(
            "error: Graphviz is not installed (no `{program}` program on PATH). Install it \
             (apt-get install graphviz, brew install graphviz or winget install graphviz), or \
             write DOT with `newsgraph build --format dot` and lay it out elsewhere."
        ));
        return Ok(EXIT_NO_GRAPHVIZ);
    };
    if !a.quiet && !warnings.trim().is_empty() {
        for line in warnings.lines().filter(|l| !l.trim().is_empty()) {
            note(format!("{program}: {line}"));
        }
    }
    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&image)?;
        out.flush()?;
    } else {
        write_atomic(&a.output, |w| Ok(w.write_all(&image)?))?;
    }
    if !a.quiet {
        note(format!(
            "{} entities, {} relations laid out with {program}{}",
            g.node_count(),
            g.edge_count(),
            if to_stdout {
                String::new()
            } else {
                format!(" -> {}", a.output.display())
            }
        ));
    }
    Ok(0)
}
