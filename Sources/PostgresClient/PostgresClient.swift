// The PostgresClient module; its layout is in ../shared/STYLE.md (section 2).
