#pragma once
/*
 * A résumé built by hand for the layout and printer tests: the RenderCV
 * "classic" sample (tests/samples/rendercv-classic.yaml) as the loader
 * would hand it over, with one entry of every kind, a nested highlight,
 * a link in a title and an owner among authors. Static storage only, so
 * nothing is freed.
 */
#include "model.h"

/* A string list in a function (automatic storage)... */
#define STRS(...) ((struct strlist){ \
	.v = (const char *[]){ __VA_ARGS__ }, \
	.n = sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *) })
/* ...and from a static array. */
#define LIST(a) { .v = a, .n = sizeof a / sizeof a[0] }

static const char *fx_emails[] = { "john.doe@email.com" };
static const char *fx_websites[] = { "https://rendercv.com/" };
static const char *fx_princeton_hl[] = {
	"Thesis: Efficient Neural Architecture Search for Resource-Constrained Deployment",
	"Advisor: Prof. Sanjeev Arora",
};
static const char *fx_nexus_hl[] = {
	"Built foundation model infrastructure serving 2M+ monthly API requests with 99.97% uptime",
	"Raised $18M Series A led by Sequoia Capital, with participation from a16z and Founders Fund",
};
static const char *fx_nexus_tech[] = { "Python", "CUDA", "Kubernetes" };
static const char *fx_deepmind_hl[] = {
	"Developed reinforcement learning algorithms for multi-agent coordination",
	"Published research at top-tier venues with significant academic impact - ICML 2022 main conference paper, cited 340+ times within two years - NeurIPS 2022 workshop paper on emergent communication protocols",
};
static const char *fx_flash_hl[] = {
	"Achieved 2.8x speedup over baseline attention implementations on A100 GPUs",
};
static const char *fx_authors[] = { "*John Doe*", "Sarah Williams", "David Park" };

static struct profile fx_profiles[] = {
	{ .network = "LinkedIn", .username = "rendercv", .url = "https://linkedin.com/in/rendercv" },
	{ .network = "GitHub", .username = "rendercv", .url = "https://github.com/rendercv" },
};

static struct entry fx_welcome[] = {
	{ .kind = ENTRY_TEXT, .title = "RenderCV reads a CV written in a YAML file, and generates a PDF with professional typography." },
	{ .kind = ENTRY_TEXT, .title = "Markdown syntax is supported everywhere. This is **bold**, *italic*, and [link](https://example.com)." },
};

static struct field fx_edu_fields[] = {
	{ .label = "GPA", .value = "3.97/4.00" },
};

static struct entry fx_education[] = {
	{ .kind = ENTRY_EDUCATION, .title = "Princeton University", .subtitle = "Computer Science",
	  .degree = "PhD", .dates = "Sept 2018 – May 2023", .location = "Princeton, NJ",
	  .highlights = LIST(fx_princeton_hl) },
	{ .kind = ENTRY_EDUCATION, .title = "Boğaziçi University", .subtitle = "Computer Engineering",
	  .degree = "BS", .dates = "Sept 2014 – June 2018", .location = "Istanbul, Türkiye",
	  .fields = fx_edu_fields, .nfields = 1 },
};

static struct entry fx_experience[] = {
	{ .kind = ENTRY_EXPERIENCE, .title = "Nexus AI", .subtitle = "Co-Founder & CTO",
	  .dates = "June 2023 – present", .location = "San Francisco, CA",
	  .summary = "Building foundation model infrastructure.",
	  .highlights = LIST(fx_nexus_hl), .technologies = LIST(fx_nexus_tech) },
	{ .kind = ENTRY_EXPERIENCE, .title = "Google DeepMind", .subtitle = "Research Intern",
	  .dates = "May 2021 – Aug 2021", .location = "London, UK",
	  .highlights = LIST(fx_deepmind_hl) },
};

static struct entry fx_projects[] = {
	{ .kind = ENTRY_NORMAL, .title = "[FlashInfer](https://github.com/)", .dates = "Jan 2023 – present",
	  .summary = "Open-source library for high-performance LLM inference kernels",
	  .highlights = LIST(fx_flash_hl) },
};

static struct entry fx_publications[] = {
	{ .kind = ENTRY_PUBLICATION,
	  .title = "Sparse Mixture-of-Experts at Scale: Efficient Routing for Trillion-Parameter Models",
	  .authors = LIST(fx_authors),
	  .doi = "10.1234/neurips.2023.1234", .url = "https://doi.org/10.1234/neurips.2023.1234",
	  .venue = "NeurIPS 2023", .dates = "July 2023" },
};

static struct entry fx_honors[] = {
	{ .kind = ENTRY_BULLET, .title = "MIT Technology Review 35 Under 35 Innovators (2024)" },
	{ .kind = ENTRY_BULLET, .title = "Google PhD Fellowship in Machine Learning (2020 – 2023)" },
};

static struct entry fx_skills[] = {
	{ .kind = ENTRY_ONELINE, .title = "Languages", .subtitle = "Python, C++, CUDA, Rust, Julia" },
	{ .kind = ENTRY_ONELINE, .title = "Research Areas",
	  .subtitle = "Neural architecture search, model compression, efficient inference, multi-agent RL" },
};

static struct entry fx_patents[] = {
	{ .kind = ENTRY_NUMBERED, .title = "Adaptive Quantization for Neural Network Inference on Edge Devices (US Patent 11,234,567)" },
	{ .kind = ENTRY_NUMBERED, .title = "Dynamic Sparsity Patterns for Efficient Transformer Attention (US Patent 11,345,678)" },
};

static struct entry fx_talks[] = {
	{ .kind = ENTRY_REVERSED, .title = "Scaling Laws for Efficient Inference — Stanford HAI Symposium (2024)" },
	{ .kind = ENTRY_REVERSED, .title = "Building AI Infrastructure for the Next Decade — TechCrunch Disrupt (2024)" },
	{ .kind = ENTRY_REVERSED, .title = "From Research to Production: Lessons in ML Systems — NeurIPS Workshop (2023)" },
};

#define FX_SECTION(t, k, kd, arr) { .title = t, .key = k, .kind = kd, .entries = arr, \
	.nentries = sizeof arr / sizeof arr[0] }

static struct section fx_sections[] = {
	FX_SECTION("Welcome to RenderCV", "Welcome to RenderCV", ENTRY_TEXT, fx_welcome),
	FX_SECTION("Education", "education", ENTRY_EDUCATION, fx_education),
	FX_SECTION("Experience", "experience", ENTRY_EXPERIENCE, fx_experience),
	FX_SECTION("Projects", "projects", ENTRY_NORMAL, fx_projects),
	FX_SECTION("Publications", "publications", ENTRY_PUBLICATION, fx_publications),
	FX_SECTION("Selected Honors", "selected_honors", ENTRY_BULLET, fx_honors),
	FX_SECTION("Skills", "skills", ENTRY_ONELINE, fx_skills),
	FX_SECTION("Patents", "patents", ENTRY_NUMBERED, fx_patents),
	FX_SECTION("Invited Talks", "invited_talks", ENTRY_REVERSED, fx_talks),
};

enum {
	FX_WELCOME, FX_EDUCATION, FX_EXPERIENCE, FX_PROJECTS, FX_PUBLICATIONS,
	FX_HONORS, FX_SKILLS, FX_PATENTS, FX_TALKS, FX_NSECTIONS,
};

static struct resume fx_resume = {
	.format = FORMAT_RENDERCV,
	.header = {
		.name = "John Doe",
		.headline = "Machine learning researcher",
		.location = "San Francisco, CA",
		.emails = LIST(fx_emails),
		.websites = LIST(fx_websites),
		.profiles = fx_profiles,
		.nprofiles = 2,
	},
	.sections = fx_sections,
	.nsections = FX_NSECTIONS,
};
