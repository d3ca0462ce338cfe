"""Staff import from an Excel sheet: `columns` (the format), `parse` (the file), `validate`
(every row judged first), `apply` (one transaction through `staff.actions`), `template` (the
downloadable sheet), and the page (`views`) and command (`staff import`) over them."""
