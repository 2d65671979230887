//! The union-find forest (`Families`) that groups near matches, so that template families
//! (a paragraph near two or more earlier ones, and everything linked to it) can be recognised.

/// Groups of paragraphs linked by near matches (a union-find forest), with the groups that
/// turned out to be template families marked.
#[derive(Debug)]
pub(super) struct Families {
    parent: Vec<usize>,
    template: Vec<bool>,
}

impl Families {
    /// `len` paragraphs, each a group of its own, none a template.
    pub(super) fn new(len: usize) -> Self {
        Self {
            parent: (0..len).collect(),
            template: vec![false; len],
        }
    }

    /// The representative of `node`'s group, halving paths on the way.
    fn root(&mut self, mut node: usize) -> usize {
        while let Some(&parent) = self.parent.get(node) {
            if parent == node {
                break;
            }
            let grandparent = self.parent.get(parent).copied().unwrap_or(parent);
            if let Some(slot) = self.parent.get_mut(node) {
                *slot = grandparent;
            }
            node = grandparent;
        }
        node
    }

    /// Puts the groups of `a` and `b` together; the joined group is a template family when
    /// either was.
    pub(super) fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        let template = self.is_root_template(a) || self.is_root_template(b);
        if let Some(slot) = self.parent.get_mut(b) {
            *slot = a;
        }
        if let Some(flag) = self.template.get_mut(a) {
            *flag = template;
        }
    }

    /// Marks `node`'s group as a template family.
    pub(super) fn mark_template(&mut self, node: usize) {
        let root = self.root(node);
        if let Some(flag) = self.template.get_mut(root) {
            *flag = true;
        }
    }

    fn is_root_template(&self, root: usize) -> bool {
        self.template.get(root).copied().unwrap_or(false)
    }

    /// True when `node`'s group is a template family.
    pub(super) fn is_template(&mut self, node: usize) -> bool {
        let root = self.root(node);
        self.is_root_template(root)
    }
}
