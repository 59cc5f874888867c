// The PackingCore module; its layout is in ../shared/STYLE.md (section 2).
