//! The names a column may have in a file.

/// One name or several names that a column may have in a file: `"ARR"`, or
/// `["ARR", "Jaaromzet"]` for a program that reads the exports of several tools or languages. Names
/// are compared with the file's header exactly, after trimming surrounding whitespace (and a
/// byte-order mark) from the header; a long question text is a name like any other.
///
/// # Examples
///
/// ```
/// use nps_stats::export::{ColumnNames, Reader};
///
/// assert_eq!("ARR".into_names(), ["ARR"]);
/// assert_eq!(["ARR", "Jaaromzet"].into_names(), ["ARR", "Jaaromzet"]);
/// let reader = Reader::new().value(["ARR", "Jaaromzet"]).account(String::from("Company"));
/// # let _ = reader;
/// ```
pub trait ColumnNames {
    /// The names, in the order given.
    ///
    /// ```
    /// use nps_stats::export::ColumnNames;
    /// assert_eq!(vec!["Bedrijf", "Company"].into_names(), ["Bedrijf", "Company"]);
    /// ```
    fn into_names(self) -> Vec<String>;
}

impl ColumnNames for &str {
    fn into_names(self) -> Vec<String> {
        vec![self.to_owned()]
    }
}

impl ColumnNames for String {
    fn into_names(self) -> Vec<String> {
        vec![self]
    }
}

impl ColumnNames for &String {
    fn into_names(self) -> Vec<String> {
        vec![self.clone()]
    }
}

impl<const N: usize> ColumnNames for [&str; N] {
    fn into_names(self) -> Vec<String> {
        self.iter().map(|&name| name.to_owned()).collect()
    }
}

impl ColumnNames for &[&str] {
    fn into_names(self) -> Vec<String> {
        self.iter().map(|&name| name.to_owned()).collect()
    }
}

impl ColumnNames for Vec<&str> {
    fn into_names(self) -> Vec<String> {
        self.into_iter().map(str::to_owned).collect()
    }
}

impl ColumnNames for Vec<String> {
    fn into_names(self) -> Vec<String> {
        self
    }
}
