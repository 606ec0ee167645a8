#!/usr/bin/perl
# views.pl - where a string shows in a PDF, read three ways (a helper of
# the CLI tests; copies.sh explains the three views).
#
#   perl views.pl extract PDF PREFIX   writes PREFIX.pdftotext, PREFIX.gs and
#                                      PREFIX.raw (the decompressed file, its
#                                      hex UTF-16 strings decoded)
#   perl views.pl find PREFIX          reads one string a line on stdin and
#                                      prints, a line each, the views that
#                                      show it ("pdftotext gs raw", or "")
#
# A string is found as a reader finds it, not as a byte substring:
# - at word boundaries: "Li" is not found in "Libya" nor "Long" in
#   "Longonot" (a string in a script written without spaces, such as
#   Chinese, is found anywhere, with white space between its characters);
# - case-sensitively: "Long" is a name, "long" is a word;
# - across line breaks: every space of the string matches any run of
#   white space, and a hyphen a hyphen followed by a line break;
# - after NFKC and without bidi controls, so that Arabic presentation
#   forms and the marks poppler adds read as the letters they are; in the
#   raw and gs views, which hold right-to-left text in visual order, the
#   string reversed is searched too (Ghostscript also prints the lam-alef
#   ligature as another character: a string in Arabic script can be
#   missed there, so tests ask for it in pdftotext and raw only).
use strict;
use warnings;
use Encode qw(decode encode);
use Unicode::Normalize qw(NFKC);

binmode STDOUT, ':encoding(UTF-8)';

my $bidi = qr/[\x{200E}\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}\x{061C}]/;

sub slurp {
	my ($f) = @_;
	open my $h, '<:raw', $f or die "views.pl: $f: $!\n";
	local $/;
	my $s = <$h>;
	return defined $s ? $s : '';
}

sub spit {
	my ($f, $s) = @_;
	open my $h, '>:encoding(UTF-8)', $f or die "views.pl: $f: $!\n";
	print $h $s;
}

sub clean {
	my ($s) = @_;
	$s = NFKC($s);
	$s =~ s/$bidi/ /g;
	$s =~ s/\s+/ /g;
	return $s;
}

sub run_out {
	my @cmd = @_;
	open my $h, '-|', @cmd or die "views.pl: $cmd[0]: $!\n";
	local $/;
	my $s = <$h>;
	close $h;
	return defined $s ? $s : '';
}

sub extract {
	my ($pdf, $prefix) = @_;
	my $t = run_out('pdftotext', '-q', '-enc', 'UTF-8', $pdf, '-');
	spit("$prefix.pdftotext", clean(decode('UTF-8', $t)));
	my $g = run_out('gs', '-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=txtwrite',
	    '-sOutputFile=-', $pdf);
	spit("$prefix.gs", clean(decode('UTF-8', $g)));
	system('qpdf', '--qdf', '--object-streams=disable', $pdf, "$prefix.qdf") == 0
	    || ($? >> 8) == 3 or die "views.pl: qpdf failed on $pdf\n";
	my $q = slurp("$prefix.qdf");
	unlink "$prefix.qdf";
	my @parts;
	# every hex string (/ActualText too)
	while ($q =~ /<([0-9A-Fa-f\s]+)>/g) {
		(my $h = $1) =~ s/\s//g;
		next if length($h) < 4 || length($h) % 4;
		my $u = decode('UTF-16BE', pack('H*', $h));
		$u =~ s/^\x{FEFF}//;
		push @parts, $u;
	}
	# one TJ array is one string: its strings, literal (spcomm escapes
	# every parenthesis in one) or hex, joined across the spacing
	# adjustments between them, so a name kerned apart stays one word
	my $str = qr/\((?:[^\\()]++|\\.)*+\)|<[0-9A-Fa-f\s]*+>/s;
	while ($q =~ /\[((?:$str|[-0-9.\s])*)\]\s*TJ|($str)\s*Tj/g) {
		my $array = defined $1 ? $1 : $2;
		my $b = '';
		while ($array =~ /($str)/g) {
			my $tok = $1;
			if ($tok =~ /^</) {
				(my $h = substr($tok, 1, -1)) =~ s/\s//g;
				$b .= pack('H*', $h) if length($h) % 2 == 0;
			} else {
				# (the escape into $e first: a match in the test
				# would reset $1)
				(my $l = substr($tok, 1, -1)) =~ s/\\([0-7]{1,3}|.)/my $e = $1;
				    $e =~ m{^[0-7]} ? chr(oct($e) & 255) : $e eq 'n' ? "\n" :
				    $e eq 'r' ? "\r" : $e eq 't' ? "\t" : $e eq "\n" ? '' : $e/gse;
				$b .= $l;
			}
		}
		push @parts, decode('UTF-16BE', $b) if length($b) % 2 == 0;
	}
	# the plain file too: literal strings, metadata in ASCII
	(my $plain = $q) =~ s/[^\x09\x0A\x0D\x20-\x7E]+/ /g;
	spit("$prefix.raw", clean(join("\n", @parts) . "\n" . $plain));
}

sub pattern {
	my ($s) = @_;
	my $dense = $s =~ /[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]/;
	# a name in Chinese is found whatever comes between its characters
	# (a family and a given name drawn as two strings)
	if ($dense) {
		my $d = join('\s*', map { quotemeta } grep { !/\s/ } split //, $s);
		return qr/$d/;
	}
	my $p = join('', map {
		$_ eq ' ' ? '\s+' : $_ eq '-' ? '-\s*' : quotemeta($_)
	} split //, $s);
	return qr/(?<![\p{L}\p{N}])$p(?![\p{L}\p{N}])/;
}

sub find {
	my ($prefix) = @_;
	my %text;
	for my $v (qw(pdftotext gs raw)) {
		$text{$v} = decode('UTF-8', slurp("$prefix.$v"));
	}
	binmode STDIN, ':encoding(UTF-8)';
	while (my $s = <STDIN>) {
		chomp $s;
		$s = clean($s);
		my @pats = (pattern($s));
		my $rtl = $s =~ /[\p{Arabic}\p{Hebrew}]/;
		my @found;
		for my $v (qw(pdftotext gs raw)) {
			my @p = @pats;
			push @p, pattern(scalar reverse $s) if $rtl && $v ne 'pdftotext';
			push @found, $v if grep { $text{$v} =~ $_ } @p;
		}
		print join(' ', @found), "\n";
	}
}

my $cmd = shift @ARGV // '';
if ($cmd eq 'extract' && @ARGV == 2) {
	extract(@ARGV);
} elsif ($cmd eq 'find' && @ARGV == 1) {
	find(@ARGV);
} else {
	die "usage: views.pl extract PDF PREFIX | find PREFIX\n";
}
