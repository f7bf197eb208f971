/*
 * OPEN-EVIDENCE.html's own script: plain JavaScript, no build step, run from file:// in Edge or Chrome.
 *
 * 1. Fingerprints (SHA-256) the whole of evidence.zip, reading it a slice at a time, and compares the result with the
 *    fingerprint embedded in the page when the bundle was made.
 * 2. Opens the zip with zip.js and the password, reads SHA256SUMS and manifest.json, then streams every file's
 *    decrypted data through SHA-256 (and, when saving, into the chosen folder at the same time), never holding a whole
 *    file in memory.
 * 3. Shows PASS only when every check passed; otherwise FAIL, naming each file and check that failed.
 *
 * The vendor scripts before this one define `zip` (zip.js) and `hashwasm` (hash-wasm's SHA-256).
 */
/* global document, window, zip, hashwasm */
(function () {
  'use strict';

  const SUMS_NAME = 'SHA256SUMS';
  const MANIFEST_NAME = 'manifest.json';
  /** SHA256SUMS and manifest.json are read into memory; anything bigger than this is not a real one. */
  const MAX_TEXT_BYTES = 32 * 1024 * 1024;
  /** Slice size when fingerprinting the whole zip. */
  const ZIP_READ_BYTES = 8 * 1024 * 1024;
  const PROGRESS_INTERVAL_MS = 150;

  const $ = (id) => document.getElementById(id);

  const ui = {
    bundleName: $('bundle-name'),
    caseReference: $('case-reference'),
    producer: $('producer'),
    producerInline: $('producer-inline'),
    certificateFingerprint: $('certificate-fingerprint'),
    browserProblem: $('browser-problem'),
    dropZone: $('drop-zone'),
    zipInput: $('zip-input'),
    chosenFile: $('chosen-file'),
    password: $('password-input'),
    showPassword: $('show-password'),
    saveButton: $('save-button'),
    checkButton: $('check-button'),
    stopButton: $('stop-button'),
    saveExplained: $('save-explained'),
    noSaveExplained: $('no-save-explained'),
    message: $('message'),
    progress: $('progress'),
    progressLabel: $('progress-label'),
    progressBar: $('progress-bar'),
    progressDetail: $('progress-detail'),
    result: $('result'),
    resultHeadline: $('result-headline'),
    resultSummary: $('result-summary'),
    resultProblems: $('result-problems'),
    resultAdvice: $('result-advice'),
    zipPanel: $('zip-fingerprint'),
    zipExpected: $('zip-expected'),
    zipActual: $('zip-actual'),
    zipVerdict: $('zip-verdict'),
    filesPanel: $('files'),
    savedTo: $('saved-to'),
    filesBody: $('files-body'),
  };

  const DATA = readEmbeddedData();

  const state = {
    file: null,
    /** The last whole-zip fingerprint, kept so that a second try with another password does not read the zip again. */
    zipFingerprint: null,
    running: false,
    controller: null,
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Embedded data and set-up

  function readEmbeddedData() {
    const parsed = JSON.parse($('evidence-data').textContent || '{}');
    return {
      zipSha256: String(parsed.zipSha256 || '').toLowerCase(),
      bundleName: String(parsed.bundleName || ''),
      caseReference: parsed.caseReference === null || parsed.caseReference === undefined ? null : String(parsed.caseReference),
      producerOrganisation: String(parsed.producerOrganisation || ''),
      certificateFingerprint: String(parsed.certificateFingerprint || ''),
    };
  }

  function missingFeatures() {
    const missing = [];
    if (typeof zip !== 'object' || typeof zip.ZipReader !== 'function') missing.push('zip.js');
    if (typeof hashwasm !== 'object' || typeof hashwasm.createSHA256 !== 'function') missing.push('hash-wasm');
    if (typeof WritableStream !== 'function') missing.push('streams');
    if (typeof WebAssembly !== 'object') missing.push('WebAssembly');
    if (!window.crypto || !window.crypto.subtle) missing.push('Web Crypto');
    if (typeof Blob !== 'function' || typeof Blob.prototype.arrayBuffer !== 'function') missing.push('file reading');
    if (typeof AbortController !== 'function') missing.push('AbortController');
    return missing;
  }

  function canSave() {
    return typeof window.showDirectoryPicker === 'function';
  }

  function setUp() {
    document.title = 'Open the evidence – ' + (DATA.bundleName || 'Handover bundle');
    ui.bundleName.textContent = DATA.bundleName || 'Not recorded';
    ui.caseReference.textContent = DATA.caseReference === null || DATA.caseReference === '' ? 'None given' : DATA.caseReference;
    ui.producer.textContent = DATA.producerOrganisation ? DATA.producerOrganisation + ', using Handover' : 'Handover';
    if (DATA.producerOrganisation) ui.producerInline.textContent = DATA.producerOrganisation;
    ui.certificateFingerprint.textContent = DATA.certificateFingerprint || 'Not recorded';
    ui.zipExpected.textContent = DATA.zipSha256 || 'Not recorded';

    const missing = missingFeatures();
    if (missing.length > 0) {
      ui.browserProblem.textContent =
        'This browser cannot check the evidence (it lacks ' + missing.join(', ') + '). Open this page in Microsoft Edge or Google Chrome.';
      ui.browserProblem.hidden = false;
      ui.checkButton.disabled = true;
      return;
    }
    zip.configure({ useWebWorkers: false });

    if (canSave()) {
      ui.saveButton.hidden = false;
      ui.saveExplained.hidden = false;
    } else {
      ui.noSaveExplained.hidden = false;
    }

    ui.zipInput.addEventListener('change', () => {
      const files = ui.zipInput.files;
      if (files && files.length > 0) chooseFile(files[0]);
    });
    ui.dropZone.addEventListener('dragenter', onDragOver);
    ui.dropZone.addEventListener('dragover', onDragOver);
    ui.dropZone.addEventListener('dragleave', () => ui.dropZone.classList.remove('dragging'));
    ui.dropZone.addEventListener('drop', (event) => {
      event.preventDefault();
      ui.dropZone.classList.remove('dragging');
      const files = event.dataTransfer && event.dataTransfer.files;
      if (state.running) return;
      if (!files || files.length === 0) {
        showMessage('That was not a file. Drag evidence.zip itself here.', 'fail');
        return;
      }
      if (files.length > 1) {
        showMessage('Drag only evidence.zip here, not several files.', 'fail');
        return;
      }
      chooseFile(files[0]);
    });
    // A file dropped anywhere else must not make the browser leave this page to show it.
    document.addEventListener('dragover', (event) => event.preventDefault());
    document.addEventListener('drop', (event) => event.preventDefault());

    ui.showPassword.addEventListener('change', () => {
      ui.password.type = ui.showPassword.checked ? 'text' : 'password';
    });
    ui.password.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void start(false);
      }
    });
    ui.saveButton.addEventListener('click', () => void start(true));
    ui.checkButton.addEventListener('click', () => void start(false));
    ui.stopButton.addEventListener('click', () => {
      if (state.controller) state.controller.abort();
    });
  }

  function onDragOver(event) {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    ui.dropZone.classList.add('dragging');
  }

  function chooseFile(file) {
    if (state.running) return;
    state.file = file;
    clearMessage();
    hideResults();
    let text = 'Chosen: ' + file.name + ' (' + formatSize(file.size) + ')';
    if (file.name.toLowerCase() !== 'evidence.zip') text += ' – this is not called evidence.zip; check it is the right file.';
    ui.chosenFile.textContent = text;
    ui.chosenFile.hidden = false;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Messages, progress, results

  function showMessage(text, tone) {
    ui.message.textContent = text;
    ui.message.className = tone === 'fail' ? 'notice notice-fail' : 'notice';
    ui.message.hidden = false;
  }

  function clearMessage() {
    ui.message.hidden = true;
    ui.message.textContent = '';
  }

  function hideResults() {
    ui.result.hidden = true;
    ui.zipPanel.hidden = true;
    ui.filesPanel.hidden = true;
    ui.savedTo.hidden = true;
    ui.filesBody.textContent = '';
  }

  function setRunning(running, controller) {
    state.running = running;
    state.controller = running ? controller : null;
    document.body.dataset.busy = running ? 'yes' : 'no';
    ui.saveButton.disabled = running;
    ui.checkButton.disabled = running;
    ui.zipInput.disabled = running;
    ui.password.disabled = running;
    ui.stopButton.hidden = !running;
    ui.progress.hidden = !running;
  }

  function makeProgress(label, totalBytes) {
    const started = performance.now();
    let last = 0;
    ui.progressLabel.textContent = label;
    ui.progressBar.value = 0;
    ui.progressDetail.textContent = '';
    return function update(doneBytes, detail, force) {
      const now = performance.now();
      if (!force && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      const ratio = totalBytes > 0 ? Math.min(1, doneBytes / totalBytes) : 1;
      ui.progressBar.value = ratio;
      let text = (detail ? detail + ' – ' : '') + formatSize(doneBytes) + ' of ' + formatSize(totalBytes) + ' (' + Math.floor(ratio * 100) + '%)';
      const elapsedS = (now - started) / 1000;
      if (elapsedS > 3 && doneBytes > 0 && doneBytes < totalBytes) {
        text += ', ' + formatDuration(((totalBytes - doneBytes) / doneBytes) * elapsedS) + ' left';
      }
      ui.progressDetail.textContent = text;
    };
  }

  function showZipFingerprint(actual) {
    ui.zipPanel.hidden = false;
    ui.zipActual.textContent = actual;
    const matches = actual === DATA.zipSha256;
    ui.zipVerdict.textContent = matches
      ? '✓ evidence.zip matches the fingerprint recorded when the bundle was made.'
      : '✗ evidence.zip does NOT match the fingerprint recorded when the bundle was made: it has been changed or damaged since, or it is a different file.';
    ui.zipVerdict.className = matches ? 'verdict pass' : 'verdict fail';
  }

  function addFileRow(name, size) {
    const row = document.createElement('tr');
    row.className = 'pending';
    row.dataset.file = name;
    row.dataset.status = 'pending';
    const nameCell = cell(row, 'file-name', name, 'th');
    nameCell.scope = 'row';
    const sizeCell = cell(row, 'file-size', formatSize(size));
    sizeCell.title = formatBytes(size);
    const hashCell = cell(row, 'file-hash', '');
    const hashCode = document.createElement('code');
    hashCode.textContent = '–';
    hashCell.appendChild(hashCode);
    const resultCell = cell(row, 'file-result', 'Waiting');
    ui.filesBody.appendChild(row);
    return {
      checking() {
        resultCell.textContent = 'Checking…';
      },
      finish(outcome) {
        if (outcome.size !== null) {
          sizeCell.textContent = formatSize(outcome.size);
          sizeCell.title = formatBytes(outcome.size);
        }
        hashCode.textContent = outcome.sha256 || '–';
        const passed = outcome.reasons.length === 0;
        row.className = passed ? 'pass' : 'fail';
        row.dataset.status = passed ? 'pass' : 'fail';
        let text = passed ? '✓ ' + (outcome.note || 'Matches SHA256SUMS') : '✗ ' + capitalise(outcome.reasons.join('; '));
        if (outcome.saved === true) text += ' · saved';
        if (outcome.saved === false) text += ' · not saved';
        resultCell.textContent = text;
      },
    };
  }

  function cell(row, className, text, tag) {
    const td = document.createElement(tag || 'td');
    td.className = className;
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function showResult(outcome) {
    ui.result.hidden = false;
    ui.resultProblems.textContent = '';
    if (outcome.problems.length === 0) {
      ui.result.className = 'result pass';
      ui.result.dataset.result = 'pass';
      ui.resultHeadline.textContent = 'PASS: all ' + outcome.fileCount + ' files match their fingerprints';
      ui.resultSummary.textContent =
        'evidence.zip matches the fingerprint recorded when the bundle was made, and every file inside it matches its ' +
        'fingerprint in SHA256SUMS' + (outcome.manifestCount > 0 ? ' and, for the ' + outcome.manifestCount + ' exhibits, in manifest.json' : '') + '.';
      ui.resultAdvice.textContent = outcome.savedTo
        ? 'The files are saved in the folder “' + outcome.savedTo + '” inside the folder you chose. The digital signature is checked separately (see below).'
        : 'Nothing was saved. To save the files, use “Check and save the files to a folder”. The digital signature is checked separately (see below).';
    } else {
      ui.result.className = 'result fail';
      ui.result.dataset.result = 'fail';
      ui.resultHeadline.textContent = 'FAIL: the evidence does not match its fingerprints';
      ui.resultSummary.textContent =
        (outcome.problems.length === 1 ? 'One problem was found:' : outcome.problems.length + ' problems were found:');
      for (const problem of outcome.problems) {
        const item = document.createElement('li');
        const name = document.createElement('strong');
        name.textContent = problem.file;
        item.appendChild(name);
        item.appendChild(document.createTextNode(': ' + problem.text));
        ui.resultProblems.appendChild(item);
      }
      ui.resultAdvice.textContent =
        'Do not rely on this evidence. Keep evidence.zip and the USB stick as they are, and contact ' +
        (DATA.producerOrganisation || 'whoever made the bundle') + ' or whoever gave you the stick.' +
        (outcome.savedTo ? ' Only files that matched were saved, in the folder “' + outcome.savedTo + '”.' : '');
    }
    ui.progress.hidden = true;
    ui.result.scrollIntoView({ block: 'start' });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The check

  async function start(save) {
    if (state.running) return;
    clearMessage();
    if (!state.file) {
      showMessage('First choose evidence.zip (step 1).', 'fail');
      return;
    }
    const password = ui.password.value;
    if (password === '') {
      showMessage('First type the password (step 2).', 'fail');
      ui.password.focus();
      return;
    }
    let folder = null;
    if (save) {
      // Asked first, while the click still counts as the officer's own action (the browser requires it).
      try {
        folder = await window.showDirectoryPicker({ id: 'handover-evidence', mode: 'readwrite' });
      } catch (error) {
        if (isAbort(error)) return;
        showMessage('That folder cannot be used: ' + describeError(error) + '. Choose another folder.', 'fail');
        return;
      }
    }

    const file = state.file;
    const controller = new AbortController();
    let wrongPassword = false;
    hideResults();
    setRunning(true, controller);
    try {
      const outcome = await check(file, password, folder, controller.signal);
      if (outcome.kind === 'wrong-password') {
        wrongPassword = true;
        let text =
          'The password is not right. Check it against the password you were given separately – capital letters, spaces ' +
          'and punctuation all count – and try again.';
        if (password !== password.trim()) text += ' The password you typed starts or ends with a space: check that is meant to be there.';
        if (!outcome.zipMatches) {
          text += ' If you are sure the password is right, evidence.zip may be damaged: its fingerprint does not match either.';
        }
        showMessage(text, 'fail');
      } else {
        showResult(outcome);
      }
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) {
        showMessage('Stopped. The check did not finish, so there is no result.' + (folder ? ' Files not finished were not saved.' : ''));
      } else {
        showMessage('Something went wrong and the check could not finish: ' + describeError(error) + '. Try again; if it happens again, contact whoever gave you the evidence.', 'fail');
      }
    } finally {
      setRunning(false, null);
    }
    if (wrongPassword) {
      ui.password.focus();
      ui.password.select();
    }
  }

  let hasherPromise = null;
  function sha256Hasher() {
    if (!hasherPromise) hasherPromise = hashwasm.createSHA256();
    return hasherPromise;
  }

  async function fingerprintWholeFile(file, signal) {
    const cached = state.zipFingerprint;
    if (cached && cached.file === file && cached.size === file.size && cached.lastModified === file.lastModified) return cached.hex;
    const hasher = await sha256Hasher();
    hasher.init();
    const progress = makeProgress('Step 1 of 2: working out the fingerprint of evidence.zip', file.size);
    let done = 0;
    while (done < file.size) {
      throwIfAborted(signal);
      const end = Math.min(file.size, done + ZIP_READ_BYTES);
      let chunk;
      try {
        chunk = new Uint8Array(await file.slice(done, end).arrayBuffer());
      } catch (error) {
        throw new Error(readFailure(error), { cause: error });
      }
      hasher.update(chunk);
      done = end;
      progress(done, file.name);
    }
    progress(done, file.name, true);
    const hex = hasher.digest('hex');
    state.zipFingerprint = { file, size: file.size, lastModified: file.lastModified, hex };
    return hex;
  }

  async function check(file, password, folder, signal) {
    const problems = [];
    const zipHex = await fingerprintWholeFile(file, signal);
    showZipFingerprint(zipHex);
    const zipMatches = zipHex === DATA.zipSha256;
    if (!zipMatches) {
      problems.push({
        file: file.name,
        text:
          'its fingerprint is ' + zipHex + ', not ' + (DATA.zipSha256 || '(none recorded)') +
          ' as recorded when the bundle was made, so it has been changed or damaged since, or it is a different file',
      });
    }

    ui.progressLabel.textContent = 'Step 2 of 2: opening evidence.zip';
    ui.progressBar.removeAttribute('value');
    ui.progressDetail.textContent = 'Reading the list of files and checking the password';
    const reader = new zip.ZipReader(new zip.BlobReader(file), { password, useWebWorkers: false });
    try {
      let entries;
      try {
        entries = await reader.getEntries();
      } catch (error) {
        problems.push({ file: file.name, text: 'it could not be opened as a zip file: ' + zipFailure(error) });
        return finished(problems, 0, 0, null);
      }
      const files = entries.filter((entry) => !entry.directory);
      if (files.length === 0) {
        problems.push({ file: file.name, text: 'it has no files in it' });
        return finished(problems, 0, 0, null);
      }

      // The password is checked on one file first, so a wrong one gets a quick, clear answer.
      const probe = files.find((entry) => entry.filename === SUMS_NAME) || files[0];
      try {
        await probe.getData(new zip.Uint8ArrayWriter(), { checkPasswordOnly: true, signal });
      } catch (error) {
        if (isWrongPassword(error)) return { kind: 'wrong-password', zipMatches };
        if (isAbort(error)) throw error;
        // Anything else is reported against that file when it is read below.
      }

      const sums = await readSums(files, problems, signal);
      const manifest = await readManifest(files, problems, signal);

      ui.filesPanel.hidden = false;
      const rows = files.map((entry) => addFileRow(entry.filename, entry.uncompressedSize));
      const totalBytes = files.reduce((sum, entry) => sum + (entry.uncompressedSize || 0), 0);
      const progress = makeProgress(
        folder ? 'Step 2 of 2: checking and saving each file in evidence.zip' : 'Step 2 of 2: checking each file in evidence.zip',
        totalBytes,
      );

      let output = null;
      if (folder) {
        try {
          output = await makeOutputFolder(folder, DATA.bundleName);
        } catch (error) {
          if (isAbort(error)) throw error;
          throw new Error('the folder to save the files in could not be made (' + saveFailure(error) + ')', { cause: error });
        }
        ui.savedTo.textContent = 'Saving into the new folder “' + output.name + '” inside the folder you chose. Only files that match are saved.';
        ui.savedTo.hidden = false;
      }

      const seen = new Set();
      const seenLowerCase = new Set();
      let doneBytes = 0;
      for (let index = 0; index < files.length; index++) {
        throwIfAborted(signal);
        const entry = files[index];
        const name = entry.filename;
        const row = rows[index];
        row.checking();
        const reasons = [];
        let note = null;
        let canBeSaved = true;

        if (seen.has(name)) {
          reasons.push('it is in the zip more than once');
          canBeSaved = false;
        }
        seen.add(name);
        if (output && seenLowerCase.has(name.toLowerCase()) && canBeSaved) {
          reasons.push('its name differs only in capital letters from another file, so it cannot be saved beside it');
          canBeSaved = false;
        }
        seenLowerCase.add(name.toLowerCase());

        const expected = sums.byName.get(name);
        const exhibit = manifest.byName.get(name);
        if (name === SUMS_NAME) {
          note = 'The list of fingerprints (covered by the fingerprint of evidence.zip)';
        } else if (sums.ok && expected === undefined) {
          reasons.push('it is not listed in SHA256SUMS');
        }

        let writable = null;
        if (output && canBeSaved) {
          try {
            writable = await openOutputFile(output.handle, name);
          } catch (error) {
            if (isAbort(error)) throw error;
            reasons.push('it could not be saved (' + saveFailure(error) + ')');
          }
        }

        const base = doneBytes;
        let measured = null;
        try {
          measured = await hashEntry(entry, writable, signal, (bytes) => progress(base + bytes, 'File ' + (index + 1) + ' of ' + files.length + ': ' + name));
        } catch (error) {
          await abortQuietly(writable);
          writable = null;
          if (signal.aborted || isAbort(error)) throw error;
          reasons.push(entryFailure(error));
        }
        doneBytes = base + (entry.uncompressedSize || 0);

        if (measured) {
          if (expected !== undefined && measured.sha256 !== expected) {
            reasons.push('its fingerprint does not match SHA256SUMS (expected ' + expected + ')');
          }
          if (exhibit) {
            if (typeof exhibit.size === 'number' && measured.size !== exhibit.size) {
              reasons.push('its size does not match manifest.json (' + formatBytes(measured.size) + ', expected ' + formatBytes(exhibit.size) + ')');
            }
            if (typeof exhibit.sha256 === 'string' && measured.sha256 !== exhibit.sha256.toLowerCase()) {
              reasons.push('its fingerprint does not match manifest.json' + (exhibit.id ? ' (exhibit ' + exhibit.id + ')' : '') + ' (expected ' + exhibit.sha256.toLowerCase() + ')');
            }
          }
        }

        let saved = output ? false : null;
        if (writable) {
          if (reasons.length === 0) {
            try {
              await writable.close();
              saved = true;
            } catch (error) {
              reasons.push('it could not be saved (' + saveFailure(error) + ')');
            }
          } else {
            await abortQuietly(writable);
          }
        }
        if (exhibit && !note) note = 'Matches SHA256SUMS and manifest.json' + (exhibit.id ? ' (exhibit ' + exhibit.id + ')' : '');
        row.finish({ size: measured ? measured.size : null, sha256: measured ? measured.sha256 : null, reasons, note, saved });
        for (const reason of reasons) problems.push({ file: name, text: reason });
      }
      progress(totalBytes, 'All files read', true);

      for (const listed of sums.byName.keys()) {
        if (!seen.has(listed)) problems.push({ file: listed, text: 'it is listed in SHA256SUMS but is missing from the zip' });
      }
      for (const [listed, exhibit] of manifest.byName) {
        if (!seen.has(listed)) {
          problems.push({ file: listed, text: 'it is listed in manifest.json' + (exhibit.id ? ' (exhibit ' + exhibit.id + ')' : '') + ' but is missing from the zip' });
        }
      }
      return finished(problems, files.length, manifest.byName.size, output ? output.name : null);
    } finally {
      try {
        await reader.close();
      } catch {
        // Nothing is left to tidy up.
      }
    }
  }

  function finished(problems, fileCount, manifestCount, savedTo) {
    return { kind: 'done', problems, fileCount, manifestCount, savedTo };
  }

  /** Streams an entry's decrypted data through SHA-256, and into `writable` as well when saving. */
  async function hashEntry(entry, writable, signal, onBytes) {
    const hasher = await sha256Hasher();
    hasher.init();
    let size = 0;
    const sink = new WritableStream({
      async write(chunk) {
        hasher.update(chunk);
        size += chunk.length;
        onBytes(size);
        if (writable) await writable.write(chunk);
      },
    });
    await entry.getData(sink, { signal });
    return { size, sha256: hasher.digest('hex') };
  }

  async function readText(entry, signal) {
    if ((entry.uncompressedSize || 0) > MAX_TEXT_BYTES) throw new Error('it is far too big (' + formatSize(entry.uncompressedSize) + ')');
    return entry.getData(new zip.TextWriter('utf-8'), { signal });
  }

  function findOnly(files, name) {
    return files.find((entry) => entry.filename === name) || null;
  }

  /** SHA256SUMS in coreutils' format: "<64 hex>  <path>" (or " *<path>"), one a line. */
  async function readSums(files, problems, signal) {
    const byName = new Map();
    const entry = findOnly(files, SUMS_NAME);
    if (!entry) {
      problems.push({ file: SUMS_NAME, text: 'it is missing from the zip, so the files cannot be checked against it' });
      return { ok: false, byName };
    }
    let text;
    try {
      text = await readText(entry, signal);
    } catch (error) {
      if (signal.aborted || isAbort(error)) throw error;
      problems.push({ file: SUMS_NAME, text: 'it could not be read, so the files cannot be checked against it (' + entryFailure(error) + ')' });
      return { ok: false, byName };
    }
    const lines = text.split('\n');
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    lines.forEach((rawLine, index) => {
      let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      let escaped = false;
      if (line.startsWith('\\')) {
        escaped = true;
        line = line.slice(1);
      }
      const match = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
      if (!match) {
        problems.push({ file: SUMS_NAME, text: 'line ' + (index + 1) + ' is not in the expected form “fingerprint, two spaces, file name”' });
        return;
      }
      const name = escaped ? match[2].replace(/\\(\\|n|r)/g, (_, c) => (c === 'n' ? '\n' : c === 'r' ? '\r' : '\\')) : match[2];
      if (byName.has(name)) {
        problems.push({ file: SUMS_NAME, text: 'it lists ' + name + ' more than once' });
        return;
      }
      byName.set(name, match[1].toLowerCase());
    });
    return { ok: true, byName };
  }

  /** manifest.json: only `exhibits[].file`, `.size`, `.sha256` and `.id` are used; anything else is allowed. */
  async function readManifest(files, problems, signal) {
    const byName = new Map();
    const entry = findOnly(files, MANIFEST_NAME);
    if (!entry) {
      problems.push({ file: MANIFEST_NAME, text: 'it is missing from the zip, so the exhibits cannot be checked against it' });
      return { byName };
    }
    let manifest;
    try {
      manifest = JSON.parse(await readText(entry, signal));
    } catch (error) {
      if (signal.aborted || isAbort(error)) throw error;
      const reason = error instanceof SyntaxError ? 'it is not valid JSON' : entryFailure(error);
      problems.push({ file: MANIFEST_NAME, text: 'it could not be read, so the exhibits cannot be checked against it (' + reason + ')' });
      return { byName };
    }
    const exhibits = manifest && typeof manifest === 'object' ? manifest.exhibits : undefined;
    if (!Array.isArray(exhibits)) {
      problems.push({ file: MANIFEST_NAME, text: 'it has no list of exhibits' });
      return { byName };
    }
    exhibits.forEach((exhibit, index) => {
      if (!exhibit || typeof exhibit !== 'object' || typeof exhibit.file !== 'string' || exhibit.file === '') {
        problems.push({ file: MANIFEST_NAME, text: 'exhibit ' + (index + 1) + ' does not name its file' });
        return;
      }
      if (byName.has(exhibit.file)) {
        problems.push({ file: MANIFEST_NAME, text: 'it lists ' + exhibit.file + ' more than once' });
        return;
      }
      byName.set(exhibit.file, {
        id: typeof exhibit.id === 'string' ? exhibit.id : '',
        size: typeof exhibit.size === 'number' ? exhibit.size : undefined,
        sha256: typeof exhibit.sha256 === 'string' ? exhibit.sha256 : undefined,
      });
    });
    return { byName };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Saving (File System Access API)

  /** A new folder inside the chosen one, named after the bundle; never an existing one, so nothing is overwritten. */
  async function makeOutputFolder(parent, bundleName) {
    const base = safeFolderName(bundleName) || 'Evidence';
    for (let attempt = 1; attempt < 1000; attempt++) {
      const name = attempt === 1 ? base : base + ' (' + attempt + ')';
      if (await hasChild(parent, name)) continue;
      return { name, handle: await parent.getDirectoryHandle(name, { create: true }) };
    }
    throw new Error('there are too many folders called ' + base + ' already');
  }

  async function hasChild(folder, name) {
    try {
      await folder.getDirectoryHandle(name);
      return true;
    } catch (error) {
      if (error && error.name === 'NotFoundError') return false;
      if (error && error.name === 'TypeMismatchError') return true;
      throw error;
    }
  }

  /** Characters Windows does not allow in a file or folder name (control characters are checked separately). */
  const FORBIDDEN_IN_NAMES = /[<>:"/\\|?*]/g;

  function withoutControlCharacters(text) {
    let out = '';
    for (const character of text) out += character.charCodeAt(0) < 32 ? '_' : character;
    return out;
  }

  function safeFolderName(name) {
    return withoutControlCharacters(String(name))
      .replace(FORBIDDEN_IN_NAMES, '_')
      .replace(/[. ]+$/, '')
      .slice(0, 120);
  }

  async function openOutputFile(root, path) {
    const parts = path.split('/');
    for (const part of parts) {
      const unsafe = part === '' || part === '.' || part === '..' || /[. ]$/.test(part) || withoutControlCharacters(part) !== part;
      if (unsafe || part.replace(FORBIDDEN_IN_NAMES, '') !== part) {
        throw new Error('its name is not safe to use as a file name on this computer');
      }
    }
    let folder = root;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, { create: true });
    const handle = await folder.getFileHandle(parts[parts.length - 1], { create: true });
    return handle.createWritable({ keepExistingData: false });
  }

  async function abortQuietly(writable) {
    if (!writable) return;
    try {
      await writable.abort();
    } catch {
      // Already closed or broken: nothing was committed either way.
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Errors in plain words

  function errorMessage(error) {
    if (error && typeof error.message === 'string' && error.message !== '') return error.message;
    return String(error);
  }

  function isAbort(error) {
    return Boolean(error) && (error.name === 'AbortError' || (typeof DOMException === 'function' && error instanceof DOMException && error.code === 20));
  }

  function throwIfAborted(signal) {
    if (signal.aborted) throw new DOMException('Stopped', 'AbortError');
  }

  function isWrongPassword(error) {
    return /Invalid password/i.test(errorMessage(error));
  }

  function readFailure(error) {
    if (error && (error.name === 'NotReadableError' || error.name === 'NotFoundError')) {
      return 'evidence.zip could not be read any more. If it is on a USB stick, check the stick is still plugged in, then choose evidence.zip again';
    }
    return 'evidence.zip could not be read (' + errorMessage(error) + ')';
  }

  function zipFailure(error) {
    const message = errorMessage(error);
    if (/not recognized|End of central directory|Central directory header not found|Zip64/i.test(message)) {
      return 'it is not a zip file, or it is incomplete or damaged';
    }
    if (error && (error.name === 'NotReadableError' || error.name === 'NotFoundError')) return readFailure(error);
    return message;
  }

  function entryFailure(error) {
    const message = errorMessage(error);
    if (/authentication code/i.test(message)) return 'its encrypted data has been changed or damaged (it fails the zip’s own check)';
    if (/Invalid password/i.test(message)) return 'it cannot be decrypted with this password, so it has been changed or damaged';
    if (/uncompressed size/i.test(message)) return 'its size is not what the zip says, so it has been changed or damaged';
    if (/CRC32|compressed data/i.test(message)) return 'its data is damaged';
    if (/out of bounds/i.test(message)) return 'its data is missing: evidence.zip is incomplete';
    if (error && (error.name === 'NotReadableError' || error.name === 'NotFoundError')) return readFailure(error);
    return 'it could not be read from the zip (' + message + ')';
  }

  function saveFailure(error) {
    if (!error) return 'unknown error';
    if (error.name === 'QuotaExceededError') return 'the folder’s drive is full';
    if (error.name === 'NotAllowedError' || error.name === 'SecurityError') return 'this browser was not allowed to save there';
    if (error.name === 'NoModificationAllowedError') return 'the folder cannot be written to';
    return errorMessage(error);
  }

  function describeError(error) {
    return errorMessage(error).replace(/[.\s]+$/, '');
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Formatting

  function formatBytes(bytes) {
    return Number(bytes || 0).toLocaleString('en-GB') + ' bytes';
  }

  function formatSize(bytes) {
    const value = Number(bytes || 0);
    if (value < 1024) return value + ' bytes';
    const units = ['KB', 'MB', 'GB', 'TB'];
    let scaled = value / 1024;
    let unit = 0;
    while (scaled >= 1024 && unit < units.length - 1) {
      scaled /= 1024;
      unit++;
    }
    return (scaled >= 100 ? scaled.toFixed(0) : scaled.toFixed(1)) + ' ' + units[unit];
  }

  function formatDuration(seconds) {
    if (seconds < 60) return 'under a minute';
    const minutes = Math.round(seconds / 60);
    if (minutes < 60) return 'about ' + minutes + (minutes === 1 ? ' minute' : ' minutes');
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return 'about ' + hours + (hours === 1 ? ' hour' : ' hours') + (rest ? ' ' + rest + (rest === 1 ? ' minute' : ' minutes') : '');
  }

  function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  setUp();
})();
