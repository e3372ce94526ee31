"""Text for the OpenAPI document: what a person reading the docs page needs first."""

DESCRIPTION = """
England has no agreed definition of **trauma-informed care** (TIC). The Early Intervention
Foundation's report *Trauma-informed care: Understanding the use of trauma-informed approaches
within children's social care* (20 January 2022) recommends that the Department for Education,
the Home Office, the Department of Health and Social Care and the Department for Levelling Up,
Housing and Communities work together to agree a core definition.

This registry holds the competing definitions, with provenance and a full revision history;
the practice models children's social care teams use; and comparisons of any definition against
a proposed core definition.

* **Reading** needs no key. Lists return `{"items": [...], "next_cursor": ...}`: pass
  `next_cursor` back as `cursor` for the next page.
* **Writing** needs an API key (`Authorization: Bearer <key>`; use **Authorize** above).
  Updates need `If-Match` with the resource's `ETag`; nothing is overwritten, each update adds a
  revision.
* **Errors** are [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) problem details
  (`application/problem+json`).
* Every seeded record carries `verified`: true only when its wording was read in the source it
  cites.
"""

TAGS = [
    {"name": "definitions", "description": "TIC definitions, their revisions and search."},
    {"name": "core definition", "description": "Proposed core definitions and endorsements."},
    {
        "name": "comparison",
        "description": "Principle analysis, comparison with the core, matrix, consensus.",
    },
    {"name": "sources", "description": "Publications, with the EIF report's findings."},
    {"name": "organisations", "description": "Departments, CSC teams and other bodies."},
    {"name": "principles", "description": "The registry's 12 principles."},
    {"name": "frameworks", "description": "Published principle sets mapped to the 12."},
    {
        "name": "practice models",
        "description": "TI models, practice frameworks, training and trauma-specific "
        "treatments, with principles and evidence links.",
    },
    {"name": "teams", "description": "CSC teams' declared models, activities and pathways."},
    {"name": "insights", "description": "Registered teams beside the EIF report's findings."},
    {"name": "service", "description": "Health and readiness."},
]
